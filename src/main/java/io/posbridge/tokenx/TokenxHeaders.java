package io.posbridge.tokenx;

import org.apache.camel.Message;

/** Names of the Camel message headers and exchange properties the {@code direct:tokenx-*} endpoints use. */
public final class TokenxHeaders {

    /** TokenX's context headers, under TokenX's own names: a caller sets the one the call needs. */
    public static final String TERMINAL_ID = "terminal-id";
    public static final String BRANCH_ID = "branch-id";
    public static final String MERCHANT_ID = "merchant-id";

    /** In: the basket a get, delete or unlock is about. */
    public static final String BASKET_ID = "TokenxBasketId";
    /** Out of create and instant basket: true when TokenX already had the basket and a GET confirmed it. */
    public static final String BASKET_ALREADY_EXISTED = "TokenxBasketAlreadyExisted";
    /** Out: TokenX's status and description of a successful answer. */
    public static final String STATUS = "TokenxStatus";
    public static final String DESCRIPTION = "TokenxDescription";

    /** Property: the {@link TokenxRequest} the shared call route sends. */
    static final String REQUEST = "TokenxRequest";
    /** Property: which access token the attempt sent, so a refusal drops that one and no newer one. */
    static final String TOKEN_GENERATION = "TokenxTokenGeneration";

    private TokenxHeaders() {
    }

    /**
     * Removes Camel's HTTP control headers (CamelHttpUri, CamelHttpPath, …, any case), as {@code removeHeaders("CamelHttp*")}
     * would: Camel's pattern matching compiles the pattern as a regular expression for every header it does not match,
     * several per TokenX call.
     */
    static void removeCamelHttpHeaders(Message message) {
        message.getHeaders().keySet().removeIf(name -> name.regionMatches(true, 0, "CamelHttp", 0, 9));
    }
}
