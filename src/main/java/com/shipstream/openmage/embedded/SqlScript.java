package com.shipstream.openmage.embedded;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a MySQL dump into statements. Unlike Spring's ScriptUtils it keeps {@code /*! ... *}{@code /}
 * comments in the statement text, because a dump relies on the server executing them
 * ({@code FOREIGN_KEY_CHECKS=0}, {@code SQL_MODE='NO_AUTO_VALUE_ON_ZERO'}). Only {@code --} and
 * {@code #} line comments are dropped.
 */
final class SqlScript {
    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(script, i, c);
                current.append(script, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                current.append(script, i, end);
                i = end;
            } else if ((c == '-' && script.startsWith("-- ", i)) || c == '#' || script.startsWith("--\n", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == ';') {
                add(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    private static int endOfQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2; // doubled quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
