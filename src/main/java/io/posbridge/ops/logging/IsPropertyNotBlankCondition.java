package io.posbridge.ops.logging;

import ch.qos.logback.core.boolex.PropertyConditionBase;

/**
 * True when a Logback property has a value that is not blank: Spring Boot's defaults.xml defines
 * CONSOLE_LOG_STRUCTURED_FORMAT and FILE_LOG_STRUCTURED_FORMAT as empty when no structured format is chosen, so
 * Logback's own IsPropertyDefinedCondition would always say yes.
 */
public class IsPropertyNotBlankCondition extends PropertyConditionBase {

    private String key;

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public void start() {
        if (key == null) {
            addError("IsPropertyNotBlankCondition needs a <key>");
        }
        super.start();
    }

    @Override
    public boolean evaluate() {
        return key != null && !property(key).isBlank();
    }
}
