package com.shipstream.openmage.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The forms in which Magento and OpenMage store {@code api_user.api_key}, and their check.
 * <ul>
 *   <li>{@code sha256(salt . key):salt}, 32-character salt: Magento 1.9.4.5 and OpenMage (what we write)</li>
 *   <li>bcrypt from PHP's {@code password_hash} ({@code $2y$...}): Magento 1.9.4.3-1.9.4.4</li>
 *   <li>{@code sha512(salt . key):salt}: Magento 1.9.4.3-1.9.4.4 without {@code password_hash}</li>
 *   <li>{@code md5(salt . key):salt}: Magento up to 1.9.4.2</li>
 *   <li>each of the digests unsalted, {@code H(key)}</li>
 * </ul>
 */
public final class ApiKeyHash {
    /** Magento refuses to check keys longer than this. */
    public static final int MAX_KEY_LENGTH = 256;
    private static final String SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] DIGESTS = {"SHA-512", "SHA-256", "MD5"};
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHash() {
    }

    /** Whether {@code key} matches the stored hash, in any of the forms above. */
    public static boolean verify(String key, String stored) {
        if (key == null || stored == null || stored.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        if (stored.startsWith("$2")) {
            return verifyBcrypt(key, stored);
        }
        int colon = stored.indexOf(':');
        String hash = (colon < 0 ? stored : stored.substring(0, colon)).toLowerCase();
        String salt = colon < 0 ? "" : stored.substring(colon + 1);
        boolean matched = false;
        for (String digest : DIGESTS) {
            // no early exit: every form is computed, so timing says nothing about which one matched
            matched |= constantTimeEquals(hex(digest, salt + key), hash);
            matched |= constantTimeEquals(hex(digest, key), hash);
        }
        return matched;
    }

    /** A new key hash as current OpenMage writes it: {@code sha256(salt . key):salt}. */
    public static String create(String key) {
        StringBuilder salt = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        }
        return sha256Form(key, salt.toString());
    }

    public static String sha256Form(String key, String salt) {
        return hex("SHA-256", salt + key) + ":" + salt;
    }

    public static String hex(String digest, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(digest).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is part of every JDK", e);
        }
    }

    private static boolean verifyBcrypt(String key, String stored) {
        try {
            return BCrypt.checkpw(key, stored);
        } catch (IllegalArgumentException e) {
            return false; // not a bcrypt hash after all (e.g. argon2, which PHP only uses when asked to)
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
