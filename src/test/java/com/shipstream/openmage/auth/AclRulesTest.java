package com.shipstream.openmage.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AclRulesTest {
    @Test
    void allGrantsEverything() {
        AclRules acl = new AclRules(Map.of("all", true, "shipstream", false));
        assertThat(acl.isAllowed("shipstream")).isTrue();
        assertThat(acl.isAllowed("sales/order/info")).isTrue();
    }

    @Test
    void theNearestRuleDecidesAndNoRuleDenies() {
        AclRules acl = new AclRules(Map.of("sales", true, "sales/order/change", false, "all", false));
        assertThat(acl.isAllowed("sales/order/info")).isTrue();
        assertThat(acl.isAllowed("sales/order")).isTrue();
        assertThat(acl.isAllowed("sales/order/change")).isFalse();
        assertThat(acl.isAllowed("shipstream")).isFalse();
        assertThat(new AclRules(Map.of()).isAllowed("shipstream")).isFalse();
    }
}
