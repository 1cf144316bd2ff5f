package io.posbridge.tokenx;

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
}
