package com.shipstream.openmage.auth;

/**
 * The API user behind a request.
 *
 * @param sessionId the {@code api_session.sessid}, or null for an HTTP Basic insta-login
 */
public record ApiSession(String sessionId, long userId, String username, AclRules acl) {
}
