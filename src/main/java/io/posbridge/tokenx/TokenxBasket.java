package io.posbridge.tokenx;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A basket as TokenX takes it (docs/tokenx-api-notes.md, "Basket body"). Amounts are TokenX's 32-bit integers: {@code price} and
 * payment {@code amount} in kuruş, {@code quantity} in thousandths (1000 = one unit), {@code taxPercent} in hundredths
 * of a percent (1000 = 10 %). Absent optional fields are not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenxBasket(
        @JsonProperty("basketID") String basketId,
        Integer checkNumber,
        String title,
        String filter,
        String note,
        List<Item> items,
        List<Payment> paymentItems,
        Adjust adjust,
        CustomerInfo customerInfo,
        Integer documentType,
        Boolean createInvoice) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String name, int price, Integer sectionNo, int taxPercent, int quantity, String unit,
            Adjust adjust) {

        /** What the line costs: price × quantity in thousandths, in kuruş (two ints multiply exactly in a long). */
        public long lineTotal() {
            return (long) price * quantity / 1000;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Payment(int type, int amount, String description) {
    }

    /** A discount or surcharge on an item or on the whole basket. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Adjust(String description, int discountOrSurcharge, int type, int value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CustomerInfo(String name, @JsonProperty("taxID") String taxId, String email, String telephone,
            String address, String city, String district, String country, String taxOffice) {
    }

    public List<Item> items() {
        return items == null ? List.of() : items;
    }

    /** The sum of the payment items: what the receipt will total. */
    public long paymentTotal() {
        return paymentItems == null ? 0 : paymentItems.stream().mapToLong(Payment::amount).sum();
    }
}
