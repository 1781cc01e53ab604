package com.shipstream.openmage.auth;

import com.shipstream.openmage.magento.MagentoClock;
import com.shipstream.openmage.magento.MagentoProperties;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Creates API roles and users the way the admin screens (System > Web Services) save them: a group
 * role with one {@code api_rule} row per resource, a user with its key hash, and the user's
 * membership row. Used for the demo store and by tests; the service never changes a real store's users.
 */
@Component
public class ApiAccounts {
    /** What ShipStream's role needs (the extension's README): its own resource and the order calls it makes. */
    public static final List<String> SHIPSTREAM_RESOURCES = List.of("shipstream", "sales", "sales/order",
            "sales/order/info", "sales/order/change");

    private final JdbcClient jdbc;
    private final MagentoProperties magento;
    private final MagentoClock clock;

    public ApiAccounts(JdbcClient jdbc, MagentoProperties magento, MagentoClock clock) {
        this.jdbc = jdbc;
        this.magento = magento;
        this.clock = clock;
    }

    /** A group role allowing exactly {@code allowed} (use {@code "all"} for everything); returns its role_id. */
    public long createRole(String name, List<String> allowed) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO " + magento.table("api_role") + " (parent_id, tree_level, sort_order, role_type, user_id, role_name)"
                + " VALUES (0, 1, 0, 'G', 0, :name)").param("name", name).update(key);
        long roleId = key.getKey().longValue();
        for (String resource : allowed) {
            jdbc.sql("INSERT INTO " + magento.table("api_rule") + " (role_id, resource_id, api_privileges, assert_id, role_type,"
                            + " api_permission) VALUES (:roleId, :resource, NULL, 0, 'G', 'allow')")
                    .param("roleId", roleId).param("resource", resource).update();
        }
        return roleId;
    }

    /**
     * A user with an already hashed key (see {@link ApiKeyHash}); {@code roleId} null leaves it without role.
     * Returns its user_id.
     */
    public long createUser(String username, String storedKeyHash, boolean active, Long roleId) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO " + magento.table("api_user") + " (firstname, lastname, email, username, api_key, created,"
                        + " lognum, reload_acl_flag, is_active) VALUES (:first, 'API', :email, :username, :apiKey, :now, 0, 0, :active)")
                .param("first", username).param("email", username + "@example.com").param("username", username)
                .param("apiKey", storedKeyHash).param("now", clock.nowText()).param("active", active ? 1 : 0)
                .update(key);
        long userId = key.getKey().longValue();
        if (roleId != null) {
            jdbc.sql("INSERT INTO " + magento.table("api_role") + " (parent_id, tree_level, sort_order, role_type, user_id, role_name)"
                    + " VALUES (:roleId, 2, 0, 'U', :userId, :name)").param("roleId", roleId).param("userId", userId)
                    .param("name", username).update();
        }
        return userId;
    }
}
