package io.selene.commons.docs;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.selene.commons.error.ErrorCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /docs/errors}: every error this service can answer with; error {@code link}s point here. */
@RestController
@Tag(name = "service")
public class ErrorCatalogueController {

    private final List<ErrorEntry> entries;

    public ErrorCatalogueController(List<ErrorCatalogue> catalogues) {
        this.entries = catalogues.stream()
                .flatMap(catalogue -> catalogue.errors().stream())
                .map(error -> new ErrorEntry(error.code(), error.status().value(), error.desc(),
                        error.detailTemplate()))
                .distinct()
                .sorted(Comparator.comparingInt(ErrorEntry::errorCode).thenComparingInt(ErrorEntry::status))
                .toList();
    }

    @GetMapping(path = "/docs/errors", produces = "application/json")
    @Operation(summary = "Error catalogue of this service")
    public List<ErrorEntry> errors() {
        return entries;
    }

    public record ErrorEntry(
            @JsonProperty("error_code") int errorCode,
            @JsonProperty("status") int status,
            @JsonProperty("desc") String desc,
            @JsonProperty("detail") String detail) {
    }
}
