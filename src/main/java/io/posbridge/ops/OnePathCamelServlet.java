package io.posbridge.ops;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.component.servlet.CamelHttpTransportServlet;

/**
 * A camel-servlet mapped to exactly one configurable path (a route reads {@code servlet:/?servletName=…}).
 * camel-servlet picks its route by the request's path info, which an exact servlet mapping leaves empty, so
 * this servlet names the path "/". camel-servlet rather than platform-http because it runs the route on
 * Tomcat's thread, without platform-http's hand-off to another executor (TokenX's webhooks: 1,333 → 1,549 per
 * second with bench/orders.sh on the two-core development machine).
 */
public class OnePathCamelServlet extends CamelHttpTransportServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        super.service(new HttpServletRequestWrapper(request) {
            @Override
            public String getPathInfo() {
                return "/";
            }
        }, response);
    }
}
