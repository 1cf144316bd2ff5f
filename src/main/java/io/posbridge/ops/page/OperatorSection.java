package io.posbridge.ops.page;

/**
 * One section of the operator page's summary: its name in the JSON, and how to read it now. Each reads what it needs
 * on its own, so one that fails (the database is down) leaves the others on the page.
 */
public interface OperatorSection {

    String name();

    Object read();
}
