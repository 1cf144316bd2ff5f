package io.posbridge.yoyo;

/** A Yoyo call answered with a failure code; nothing was changed. */
public class YoyoRefusal extends RuntimeException {

    private final YoyoResponseCode code;

    public YoyoRefusal(YoyoResponseCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public YoyoResponseCode code() {
        return code;
    }
}
