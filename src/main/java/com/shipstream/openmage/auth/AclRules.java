package com.shipstream.openmage.auth;

import java.util.Map;

/**
 * A user's API permissions, from the {@code api_rule} rows of its role: Zend_Acl's answer as Magento
 * builds it. {@code all} allowed grants everything; otherwise the rule on the resource itself or on
 * its nearest ancestor ({@code sales/order/info} → {@code sales/order} → {@code sales}) decides, and
 * no rule at all means deny.
 *
 * @param rules resource path → allowed
 */
public record AclRules(Map<String, Boolean> rules) {

    public boolean isAllowed(String resource) {
        if (Boolean.TRUE.equals(rules.get("all"))) {
            return true;
        }
        String path = resource;
        while (path != null && !path.isEmpty()) {
            Boolean rule = rules.get(path);
            if (rule != null) {
                return rule;
            }
            int slash = path.lastIndexOf('/');
            path = slash < 0 ? null : path.substring(0, slash);
        }
        return false;
    }
}
