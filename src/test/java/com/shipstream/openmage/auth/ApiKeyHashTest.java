package com.shipstream.openmage.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyHashTest {
    private static final String KEY = "Secret-Key-123";
    private static final String SALT = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";

    @Test
    void acceptsEveryStoredForm() {
        Map<String, String> forms = Map.of(
                "sha256 salted (OpenMage)", ApiKeyHash.sha256Form(KEY, SALT),
                "sha512 salted", ApiKeyHash.hex("SHA-512", SALT + KEY) + ":" + SALT,
                "md5 salted (Magento <= 1.9.4.2)", ApiKeyHash.hex("MD5", SALT + KEY) + ":" + SALT,
                "md5 unsalted", ApiKeyHash.hex("MD5", KEY),
                "sha256 unsalted", ApiKeyHash.hex("SHA-256", KEY),
                "sha512 unsalted", ApiKeyHash.hex("SHA-512", KEY),
                // PHP 8.2: password_hash('Secret-Key-123', PASSWORD_BCRYPT)
                "bcrypt $2y$", "$2y$10$kCa38Juz3aMVzzDhFIWYx.MZSwU9lZMayFxdxy76djtmqdUUGTgz2",
                "upper-case hex", ApiKeyHash.hex("MD5", SALT + KEY).toUpperCase() + ":" + SALT);
        forms.forEach((form, stored) -> {
            assertThat(ApiKeyHash.verify(KEY, stored)).as(form).isTrue();
            assertThat(ApiKeyHash.verify(KEY + "x", stored)).as(form + " with a wrong key").isFalse();
        });
    }

    @Test
    void createsTheOpenMageForm() {
        String stored = ApiKeyHash.create(KEY);
        assertThat(stored).matches("[0-9a-f]{64}:[A-Za-z0-9]{32}");
        assertThat(ApiKeyHash.verify(KEY, stored)).isTrue();
        assertThat(ApiKeyHash.create(KEY)).isNotEqualTo(stored);
    }

    @Test
    void refusesEmptyOverlongAndBrokenInput() {
        String stored = ApiKeyHash.create(KEY);
        assertThat(ApiKeyHash.verify(null, stored)).isFalse();
        assertThat(ApiKeyHash.verify(KEY, null)).isFalse();
        assertThat(ApiKeyHash.verify(KEY, "")).isFalse();
        assertThat(ApiKeyHash.verify("x".repeat(257), ApiKeyHash.create("x".repeat(257)))).isFalse();
        assertThat(ApiKeyHash.verify(KEY, "$2y$10$broken")).isFalse();
        assertThat(ApiKeyHash.verify("", ApiKeyHash.hex("MD5", ""))).isTrue().as("an empty key is refused earlier, at login");
    }
}
