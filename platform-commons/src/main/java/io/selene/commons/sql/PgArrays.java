package io.selene.commons.sql;

import java.util.Collection;
import java.util.Iterator;

/**
 * PostgreSQL array literals ({@code {"a","b",NULL}}) for {@code CAST(:param AS uuid[])}: passed as a
 * plain string parameter, which works the same with every driver setting and never expands into
 * a list of placeholders. In a WHERE clause use them as {@code x IN (SELECT unnest(CAST(:param AS uuid[])))}:
 * {@code x = ANY(CAST(:param AS uuid[]))} re-parses the literal for every row a generic plan visits (measured:
 * 11 s instead of 20 ms for 500 ids against 20,000 faces of an account).
 */
public final class PgArrays {

    private PgArrays() {
    }

    public static String literal(Collection<?> values) {
        StringBuilder out = new StringBuilder(values.size() * 40 + 2).append('{');
        Iterator<?> it = values.iterator();
        while (it.hasNext()) {
            Object value = it.next();
            if (value == null) {
                out.append("NULL");
            } else {
                out.append('"');
                String text = value.toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\');
                    }
                    out.append(c);
                }
                out.append('"');
            }
            if (it.hasNext()) {
                out.append(',');
            }
        }
        return out.append('}').toString();
    }
}
