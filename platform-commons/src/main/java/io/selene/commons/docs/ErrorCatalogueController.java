package io.selene.commons.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.selene.commons.PlatformSettings;
import io.selene.commons.error.ErrorCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /docs/errors}: every error this service can answer with, as JSON or, for a browser, as a
 * page with one {@code id="code-N"} anchor per code, which is where an error's {@code link} points.
 * Where the service knows the other services' catalogues (the gateway: {@link RemoteErrorCatalogues}),
 * the list is the platform's, each code with the services that answer it.
 */
@RestController
@Tag(name = "service")
public class ErrorCatalogueController {

    private final List<ErrorEntry> own;
    private final String service;
    private final ObjectProvider<RemoteErrorCatalogues> remote;

    public ErrorCatalogueController(List<ErrorCatalogue> catalogues, PlatformSettings settings,
            ObjectProvider<RemoteErrorCatalogues> remote) {
        this.service = settings.service().name();
        this.remote = remote;
        this.own = catalogues.stream()
                .flatMap(catalogue -> catalogue.errors().stream())
                .map(error -> new ErrorEntry(error.code(), error.status().value(), error.desc(),
                        error.detailTemplate(), null))
                .distinct()
                .sorted(ORDER)
                .toList();
    }

    private static final Comparator<ErrorEntry> ORDER =
            Comparator.comparingInt(ErrorEntry::errorCode).thenComparingInt(ErrorEntry::status);

    @GetMapping(path = "/docs/errors", produces = "application/json")
    @Operation(summary = "Error catalogue of this service (of the whole platform at the gateway)")
    public List<ErrorEntry> errors() {
        RemoteErrorCatalogues others = remote.getIfAvailable();
        if (others == null) {
            return own;
        }
        // (code, status, desc, detail) -> services answering it, in service-name order
        Map<ErrorEntry, Set<String>> merged = new TreeMap<>(ORDER.thenComparing(ErrorEntry::desc)
                .thenComparing(ErrorEntry::detail));
        own.forEach(entry -> merged.computeIfAbsent(entry, e -> new LinkedHashSet<>()).add(service));
        others.catalogues().forEach((name, entries) -> entries.forEach(entry -> merged
                .computeIfAbsent(entry.withoutServices(), e -> new LinkedHashSet<>()).add(name)));
        List<ErrorEntry> all = new ArrayList<>(merged.size());
        merged.forEach((entry, services) -> all.add(entry.withServices(services.stream().sorted().toList())));
        return all;
    }

    @GetMapping(path = "/docs/errors", produces = "text/html")
    @Operation(summary = "The same catalogue as a page with an anchor per code")
    public String page() {
        StringBuilder html = new StringBuilder(16_384).append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Selene error codes</title>
                <style>body{font-family:sans-serif;margin:2em}td,th{border-bottom:1px solid #ccc;padding:.3em .6em;\
                text-align:left;vertical-align:top}:target{background:#ffd}</style></head><body>
                <h1>Selene error codes</h1>
                <p>Every error answer is <code>{"error_code", "desc", "detail", "link"}</code>; <code>link</code> \
                points to the code's row below. <code>{}</code> in a detail is filled with the request's values.</p>
                <table><thead><tr><th>code</th><th>HTTP</th><th>desc</th><th>detail</th><th>answered by</th></tr>\
                </thead><tbody>
                """);
        Set<Integer> anchored = new LinkedHashSet<>();
        for (ErrorEntry entry : errors()) {
            String id = anchored.add(entry.errorCode()) ? " id=\"code-" + entry.errorCode() + "\"" : "";
            html.append("<tr").append(id).append("><td>").append(entry.errorCode()).append("</td><td>")
                    .append(entry.status()).append("</td><td>").append(HtmlUtils.htmlEscape(entry.desc()))
                    .append("</td><td>").append(HtmlUtils.htmlEscape(entry.detail())).append("</td><td>")
                    .append(HtmlUtils.htmlEscape(String.join(", ",
                            entry.services() == null ? List.of(service) : entry.services())))
                    .append("</td></tr>\n");
        }
        return html.append("</tbody></table></body></html>\n").toString();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorEntry(
            @JsonProperty("error_code") int errorCode,
            @JsonProperty("status") int status,
            @JsonProperty("desc") String desc,
            @JsonProperty("detail") String detail,
            @JsonProperty("services") List<String> services) {

        ErrorEntry withoutServices() {
            return new ErrorEntry(errorCode, status, desc, detail, null);
        }

        ErrorEntry withServices(List<String> names) {
            return new ErrorEntry(errorCode, status, desc, detail, names);
        }
    }
}
