package io.posbridge.tokenx;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A terminal's fiscal parameters (docs/tokenx-api-notes.md, "Fiscal parameters result"); what TokenX adds is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenxFiscalParameters(List<Section> sections, Long receiptLimit, List<Currency> currencies,
        JsonNode terminal) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Section(Integer sectionNo, String name, Integer taxPercent, Long price, Long limit, Integer status,
            Integer type) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Currency(Integer id, String name, Double rate) {
    }

    public List<Section> sections() {
        return sections == null ? List.of() : sections;
    }
}
