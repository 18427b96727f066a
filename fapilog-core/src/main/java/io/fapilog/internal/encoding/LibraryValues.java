package io.fapilog.internal.encoding;

import java.util.List;
import java.util.Map;

/**
 * Popular libraries' values whose getters say nothing of what they hold, or act, known by their names:
 * through them Jackson would write a Guava {@code Multimap} as {@code {"empty":false}}, a Reactor
 * {@code Mono} as {@code {"scanAvailable":true}}, a Netty buffer as its flags, read on the worker
 * after the caller may have released it.
 *
 * <ul>
 *   <li>as their text, taken at the call: a Reactive Streams {@code Publisher} (never subscribed), a
 *       Kotlin {@code Sequence} (never read: one may be read only once, or never end, and Jackson's
 *       Kotlin module would read it on the worker), a Netty {@code ByteBuf} (its indexes and capacity,
 *       not its bytes), a Guava {@code Range}, a Spring {@code HandlerMethod} (the controller method an
 *       interceptor is given: {@code OrderController#place(Order)}); resources and registries that are
 *       no data: JDBC's data sources, connections, statements and metadata, JPA's entity managers and
 *       their factories, Spring's {@code Environment} and bean factories (an application context),
 *       GraphQL's {@code DataFetchingEnvironment}, a Spring {@code Resource}, a transaction's status,
 *       Micrometer's {@code MeterRegistry}, a servlet (Spring's {@code DispatcherServlet}, the source of
 *       every {@code ServletRequestHandledEvent}): through their getters a connection taken, the
 *       database or the application's session queried, the whole schema or web framework walked, a
 *       file read, every gauge run; Redis templates and connections (their getters send commands to
 *       the server), Spring Batch's job repository and any Spring AOP proxy (a service: its getters run
 *       through its interceptors, a transaction opened, a query run); mail messages, sessions, senders,
 *       stores and folders (an IMAP message's getters fetch it from the server on the worker), RabbitMQ's
 *       connection factories and templates, Spring's caches and cache managers; Spring's {@code DataSize};
 *   <li>as what they hold: a Guava {@code Multimap} as a map of each key's values, a Guava
 *       {@code Optional} as its content or null, a Spring {@code MessageHeaderAccessor} (a STOMP
 *       frame's headers as an interceptor or handler builds them) as a map of its headers: through
 *       its getters it would be frozen ({@code getMessageHeaders()} makes it immutable), and the
 *       application's next change to it would fail; a Spring GraphQL request as its document,
 *       operation, variables and extensions ({@code toMap()}), not through its getters, which reach
 *       the web request's attributes and the whole web framework through them; WebClient's
 *       response headers as Spring's {@code HttpHeaders} (a map of each name's values); Spring
 *       Batch's {@code ExecutionContext} as its entries ({@code toMap()}; its getters say only
 *       {@code dirty} and {@code empty}) and its {@code JobParameters} as the parameters, wherever
 *       they are (as a record, its getters would write each parameter twice).
 * </ul>
 */
public final class LibraryValues {

    private static final List<String> TEXT = List.of("org.reactivestreams.Publisher", "kotlin.sequences.Sequence", "io.netty.buffer.ByteBuf",
            "com.google.common.collect.Range", "org.springframework.web.method.HandlerMethod",
            // resources and registries, not data: their getters open connections, query the database or read the whole schema
            "java.sql.Wrapper", "jakarta.persistence.EntityManager", "jakarta.persistence.EntityManagerFactory",
            "org.springframework.core.env.Environment", "org.springframework.beans.factory.BeanFactory",
            "graphql.schema.DataFetchingEnvironment", "org.springframework.transaction.TransactionStatus",
            "io.micrometer.core.instrument.MeterRegistry", "jakarta.servlet.Servlet",
            // a Spring Resource: its getters read the file or the URL (getContentAsByteArray)
            "org.springframework.core.io.InputStreamSource",
            // Redis templates and connections: getClientList() and getClientName() send commands to the server
            "org.springframework.data.redis.core.RedisOperations", "org.springframework.data.redis.core.ReactiveRedisOperations",
            "org.springframework.data.redis.connection.RedisConnection",
            // Spring Batch's job repository (its getJobNames() queries the database) and any Spring AOP proxy:
            // a service, whose getters run through its interceptors (a transaction opened, a query run)
            "org.springframework.batch.core.repository.JobRepository", "org.springframework.aop.SpringProxy",
            // a BSON object id (a MongoDB document's): its getters say only when it was made
            "org.bson.types.ObjectId",
            // mail: a message's getters fetch it from the server (IMAP) or parse its content, a sender's create its
            // session, a session's hold the server's settings; RabbitMQ's connection factories and templates, Spring's
            // caches: services, whose getters fail, and the whole value would be ***
            "jakarta.mail.Message", "jakarta.mail.Session", "jakarta.mail.Service", "jakarta.mail.Folder",
            "javax.mail.Message", "javax.mail.Session", "javax.mail.Service", "javax.mail.Folder",
            "org.springframework.mail.MailSender", "org.springframework.amqp.rabbit.connection.ConnectionFactory",
            "org.springframework.amqp.core.AmqpTemplate", "org.springframework.cache.Cache", "org.springframework.cache.CacheManager",
            // a size, whose getters say only whether it is negative
            "org.springframework.util.unit.DataSize");

    private static final String OPTIONAL = "com.google.common.base.Optional";
    /** Containers by their type's name, each with the method that reads what it holds. */
    private static final Map<String, String> CONTAINERS = Map.of("com.google.common.collect.Multimap", "asMap", OPTIONAL, "orNull",
            "org.springframework.messaging.support.MessageHeaderAccessor", "toMap",
            "org.springframework.graphql.GraphQlRequest", "toMap",
            "org.springframework.web.reactive.function.client.ClientResponse$Headers", "asHttpHeaders",
            "org.springframework.batch.infrastructure.item.ExecutionContext", "toMap",
            "org.springframework.batch.core.job.parameters.JobParameters", "parameters",
            "java.net.http.HttpHeaders", "map");

    /** Writes a {@linkplain #isContainer container} as {@linkplain #content what it holds}, inside a record or bean too. */
    static final ConvertedSerializer SERIALIZER = new ConvertedSerializer(LibraryValues::content);

    private LibraryValues() {
    }

    /** Whether values of {@code type} are written as their {@code toString()}. */
    public static boolean isText(Class<?> type) {
        return NamedTypes.isAny(type, TEXT);
    }

    /** Whether values of {@code type} are written as {@linkplain #content what they hold}. */
    public static boolean isContainer(Class<?> type) {
        return containerType(type) != null;
    }

    /** What a container holds (a multimap's {@code asMap()}, an optional's {@code orNull()}); the text of the container when that fails. */
    public static Object content(Object container) {
        Class<?> type = containerType(container.getClass());
        Object content = NamedTypes.read(type, container, CONTAINERS.get(type.getName()));
        return content != null || type.getName().equals(OPTIONAL) ? content : Failures.safeToString(container);
    }

    private static Class<?> containerType(Class<?> type) {
        for (String name : CONTAINERS.keySet()) {
            Class<?> found = NamedTypes.find(type, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
