package io.fapilog.spring.web.slice.mvc;

import io.fapilog.Logger;
import io.fapilog.spring.web.HttpRequestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} of a controller that takes fapilog's {@code Logger} and the request context:
 * the slice brings the starter's runtime, resolvers and filter. Before, the slice left them out and
 * the request failed with 500 ("No primary or single unique constructor found for interface
 * io.fapilog.Logger").
 */
@WebMvcTest(controllers = WebMvcSliceTest.Orders.class)
class WebMvcSliceTest {

    @SpringBootConfiguration
    @Import(Orders.class)
    static class App {
    }

    @RestController
    static class Orders {
        @GetMapping("/orders/7")
        String order(Logger log, HttpRequestContext context) {
            log.info("Order shown", "order_id", 7);
            return log.executionMode() + " " + context.requestId();
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aControllerTakingFapilogsLoggerAndRequestContextAnswers() throws Exception {
        mvc.perform(get("/orders/7").header("X-Request-ID", "slice-1"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Request-ID", "slice-1"))
                .andExpect(content().string("THREAD slice-1"));
    }
}
