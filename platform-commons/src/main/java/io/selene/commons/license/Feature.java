package io.selene.commons.license;

/**
 * What a licence can switch on or off, by its name in the licence's {@code features} object and in
 * {@code GET /6/license}. See licenses-service/README.md for where each is checked.
 */
public enum Feature {
    /** Liveness: {@code POST /6/liveness} (V1 service) and {@code estimate_liveness} (V2 in /sdk, handlers, verifiers). */
    LIVENESS("liveness"),
    /** Body detection: {@code detect_body=1} in /detector, /sdk, handlers and verifiers. */
    BODIES("bodies"),
    /** Large galleries: matching a face list through the matcher's int8 index (lists from {@code SELENE_MATCHER_QUANTISED_FROM} faces). */
    INDEX("index"),
    /** Batch tasks ({@code /6/tasks}). */
    TASKS("tasks");

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    /** Name in the licence document and the API. */
    public String key() {
        return key;
    }
}
