package io.selene.commons.json;

/**
 * The reasons of a refused body field, as Bean Validation messages on request records: the same words as
 * {@link JsonFields} uses, so a field is refused alike whichever way its body is read
 * ({@code Bad field 'login': must be 1..256 characters long}).
 */
public final class Reasons {

    /** With {@code @NotNull}. */
    public static final String REQUIRED = "is required";
    /** With {@code @Size} on a string. */
    public static final String LENGTH = "must be {min}..{max} characters long";
    /** With Hibernate Validator's {@code @Range} on an integer. */
    public static final String INTEGER_RANGE = "must be an integer in {min}..{max}";
    /** With {@code @Size} on a list. */
    public static final String ITEMS = "must have {min}..{max} items";

    private Reasons() {
    }
}
