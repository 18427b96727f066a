package io.fapilog.spring.web.reactive;

import io.fapilog.spring.web.HttpRequestView;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** {@link HttpRequestView} of a WebFlux exchange. */
final class ServerWebExchangeRequestView implements HttpRequestView {

    private final ServerWebExchange exchange;
    private final ServerHttpRequest request;

    ServerWebExchangeRequestView(ServerWebExchange exchange) {
        this.exchange = exchange;
        this.request = exchange.getRequest();
    }

    @Override
    public String method() {
        return request.getMethod().name();
    }

    @Override
    public String path() {
        return request.getPath().value();
    }

    @Override
    public String pathWithinApplication() {
        return request.getPath().pathWithinApplication().value();
    }

    @Override
    public String header(String name) {
        return request.getHeaders().getFirst(name);
    }

    @Override
    public List<String> headerValues(String name) {
        List<String> values = request.getHeaders().get(name);
        return values != null ? values : List.of();
    }

    @Override
    public String clientIp() {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return null;
        }
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }

    @Override
    public Object attribute(String name) {
        return exchange.getAttribute(name);
    }
}
