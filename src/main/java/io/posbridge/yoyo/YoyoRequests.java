package io.posbridge.yoyo;

import java.util.List;

/**
 * The three calls Yoyo makes, as it sends them. Field names are matched without regard to case, so
 * the docs' variants (posId/posID, trxId/trxID, wiTrxId/wiTrxID) all bind; ids arrive as numbers or
 * strings and are kept as strings; unknown fields are ignored.
 */
public final class YoyoRequests {

    private YoyoRequests() {
    }

    /** Anything Yoyo sends that carries our credentials. */
    public interface Authenticated {
        Credentials vspCredentials();
    }

    /**
     * Our VSP credentials as Yoyo sends them. The request records are exchange bodies, which Camel prints when
     * tracing or dumping an exchange is switched on: the password never goes with them.
     */
    public record Credentials(String id, String password) {
        @Override
        public String toString() {
            return "Credentials[id=" + id + ", password=*****]";
        }
    }

    public record Token(String id, String type, String vspReference) {
    }

    public record StoreTrxDetails(String storeId, String remoteStoreId, String retailerId, String basketId,
            String trxId, String posId, String cashierId) {
    }

    public record Product(String id, Long pricePerUnit, Long units) {
    }

    public record Transaction(
            String wiTrxId,
            String wiVspTrxId,
            Token token,
            String type,
            StoreTrxDetails storeTrxDetails,
            Long totalAmount,
            Long basketAmount,
            Long cashBackAmount,
            List<Product> products,
            Credentials vspCredentials) implements Authenticated {
    }

    public record OriginalTransaction(
            String wiTrxId,
            String wiVspTrxId,
            String vspTrxId,
            Token token,
            String type,
            StoreTrxDetails storeTrxDetails,
            Long totalAmountProcessed,
            Long basketAmountProcessed,
            Long cashbackAmountProcessed) {
    }

    public record Advise(String action, OriginalTransaction originalTrx, Credentials vspCredentials)
            implements Authenticated {
    }

    public record TokenInfo(Token token, String type, StoreTrxDetails storeTrxDetails, Credentials vspCredentials)
            implements Authenticated {
    }
}
