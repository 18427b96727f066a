package io.fapilog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.LogBridge;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JPA entities as applications log them, with real Hibernate proxies and lazy collections: a log
 * call never loads anything (no SQL, on the caller's thread or on fapilog's worker, which must never
 * use the application's session), writes what is loaded, and cuts back-references.
 */
class HibernateEntitiesTest {

    @Entity(name = "Customer")
    public static class Customer {
        @Id
        private Long customerId;
        private String name;
        @OneToMany(mappedBy = "customer", fetch = FetchType.LAZY)
        private List<PurchaseOrder> orders = new ArrayList<>();

        protected Customer() {
        }

        Customer(long id, String name) {
            this.customerId = id;
            this.name = name;
        }

        public Long getCustomerId() {
            return customerId;
        }

        public String getName() {
            return name;
        }

        public List<PurchaseOrder> getOrders() {
            return orders;
        }
    }

    @Entity(name = "PurchaseOrder")
    public static class PurchaseOrder {
        @Id
        private Long id;
        private String reference;
        @ManyToOne(fetch = FetchType.LAZY)
        private Customer customer;

        protected PurchaseOrder() {
        }

        PurchaseOrder(long id, String reference, Customer customer) {
            this.id = id;
            this.reference = reference;
            this.customer = customer;
        }

        public Long getId() {
            return id;
        }

        public String getReference() {
            return reference;
        }

        public Customer getCustomer() {
            return customer;
        }
    }

    /** An association with annotations of its own: they hold for the entity behind a proxy too. */
    @Entity(name = "Invoice")
    public static class Invoice {
        @Id
        private Long id;
        @ManyToOne(fetch = FetchType.LAZY)
        private Customer customer;
        @ManyToMany(fetch = FetchType.LAZY)
        private List<PurchaseOrder> orders = new ArrayList<>();

        protected Invoice() {
        }

        Invoice(long id, Customer customer, PurchaseOrder order) {
            this.id = id;
            this.customer = customer;
            this.orders.add(order);
        }

        public Long getId() {
            return id;
        }

        @JsonIgnoreProperties("orders")
        public Customer getCustomer() {
            return customer;
        }

        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public List<PurchaseOrder> getOrders() {
            return orders;
        }
    }

    /** Each statement Hibernate runs, with the thread that ran it. */
    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    private static SessionFactory sessions;
    /** The same database, with Hibernate's JPA proxy compliance, under which a proxy's getIdentifier() loads it. */
    private static SessionFactory compliantSessions;

    @BeforeAll
    static void database() {
        sessions = sessionFactory("create-drop", false);
        sessions.inTransaction(session -> {
            Customer ada = new Customer(1, "Ada");
            session.persist(ada);
            session.persist(new Customer(2, "Bob"));
            PurchaseOrder order = new PurchaseOrder(10, "PO-10", ada);
            session.persist(order);
            session.persist(new Invoice(100, ada, order));
        });
        compliantSessions = sessionFactory("none", true);
    }

    private static SessionFactory sessionFactory(String schema, boolean proxyCompliance) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Customer.class)
                .addAnnotatedClass(PurchaseOrder.class)
                .addAnnotatedClass(Invoice.class)
                .setProperty("hibernate.connection.url", "jdbc:h2:mem:entities;DB_CLOSE_DELAY=-1")
                .setProperty("hibernate.hbm2ddl.auto", schema)
                .setProperty("hibernate.jpa.compliance.proxy", String.valueOf(proxyCompliance))
                .setProperty("jakarta.persistence.validation.mode", "none"); // Hibernate Validator is here for other tests
        configuration.setStatementInspector(sql -> {
            STATEMENTS.add(Thread.currentThread().getName() + ": " + sql);
            return sql;
        });
        return configuration.buildSessionFactory();
    }

    @AfterAll
    static void close() {
        compliantSessions.close();
        sessions.close();
    }

    @BeforeEach
    void clearStatements() {
        STATEMENTS.clear();
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void anEntityInAnOpenSessionIsWrittenAsLoadedWithoutLoadingItsLazyAssociation(Preset preset) throws Exception {
        try (Session session = sessions.openSession()) {
            PurchaseOrder order = session.find(PurchaseOrder.class, 10L);
            STATEMENTS.clear();

            JsonNode event = logged(preset, log -> log.info("order loaded", "order", order));

            assertThat(STATEMENTS).isEmpty();
            assertThat(Hibernate.isInitialized(order.getCustomer())).isFalse();
            assertThat(event.at("/data/order").toString())
                    .isEqualTo("{\"customer\":{\"customerId\":1},\"id\":10,\"reference\":\"PO-10\"}");
            assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void aDetachedEntityIsWrittenAsLoadedWithoutFailing(Preset preset) throws Exception {
        PurchaseOrder order;
        Customer customer;
        try (Session session = sessions.openSession()) {
            order = session.find(PurchaseOrder.class, 10L);
        }
        try (Session session = sessions.openSession()) {
            customer = session.find(Customer.class, 1L);
        }
        STATEMENTS.clear();

        JsonNode event = logged(preset, log -> log.info("detached", "order", order, "orders", customer.getOrders()));

        assertThat(event.at("/data/order/customer").toString()).isEqualTo("{\"customerId\":1}");
        assertThat(event.at("/data/orders").isNull()).isTrue();
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();
        assertThat(STATEMENTS).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void aLoadedGraphIsWrittenWithItsBackReferenceCut(Preset preset) throws Exception {
        try (Session session = sessions.openSession()) {
            Customer customer = session.find(Customer.class, 1L);
            Hibernate.initialize(customer.getOrders());
            STATEMENTS.clear();

            JsonNode event = logged(preset, log -> log.info("customer", "customer", customer));

            assertThat(event.at("/data/customer").toString()).isEqualTo("{\"customerId\":1,\"name\":\"Ada\","
                    + "\"orders\":[{\"customer\":\"[cycle]\",\"id\":10,\"reference\":\"PO-10\"}]}");
            assertThat(STATEMENTS).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void aProxyIsWrittenAsItsIdentifierUntilLoadedThenAsItsEntity(Preset preset) throws Exception {
        try (Session session = sessions.openSession()) {
            Customer reference = session.getReference(Customer.class, 2L);
            STATEMENTS.clear();

            JsonNode unloaded = logged(preset, log -> log.info("reference", "customer", reference));

            assertThat(STATEMENTS).isEmpty();
            assertThat(Hibernate.isInitialized(reference)).isFalse();
            assertThat(unloaded.at("/data/customer").toString()).isEqualTo("{\"customerId\":2}");

            Hibernate.initialize(reference);
            JsonNode loaded = logged(preset, log -> log.info("reference", "customer", reference, "nested", List.of(reference)));

            assertThat(loaded.at("/data/customer").toString()).isEqualTo("{\"customerId\":2,\"name\":\"Bob\",\"orders\":null}");
            assertThat(loaded.at("/data/nested/0")).isEqualTo(loaded.at("/data/customer"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void underJpaProxyComplianceAProxyIsStillWrittenWithoutLoadingIt(Preset preset) throws Exception {
        try (Session session = compliantSessions.openSession()) {
            Customer reference = session.getReference(Customer.class, 2L);
            PurchaseOrder order = session.find(PurchaseOrder.class, 10L);
            STATEMENTS.clear();

            JsonNode event = logged(preset, log -> log.info("reference", "customer", reference, "order", order));

            assertThat(STATEMENTS).isEmpty();
            assertThat(event.at("/data/customer").toString()).isEqualTo("{\"customerId\":2}");
            assertThat(event.at("/data/order/customer").toString()).isEqualTo("{\"customerId\":1}");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void anAssociationsAnnotationsHoldAndNoneOfThemLoadsIt(Preset preset) throws Exception {
        try (Session session = sessions.openSession()) {
            Invoice invoice = session.find(Invoice.class, 100L);
            Hibernate.initialize(invoice.getCustomer());
            STATEMENTS.clear();

            JsonNode event = logged(preset, log -> log.info("invoice", "invoice", invoice));

            assertThat(STATEMENTS).as("@JsonInclude(NON_EMPTY) asks no lazy collection whether it is empty").isEmpty();
            assertThat(Hibernate.isInitialized(invoice.getOrders())).isFalse();
            assertThat(event.at("/data/invoice").toString())
                    .as("@JsonIgnoreProperties on the association holds for the entity behind its proxy")
                    .isEqualTo("{\"customer\":{\"customerId\":1,\"name\":\"Ada\"},\"id\":100}");
        }
    }

    /**
     * An SLF4J placeholder that takes a proxy or a lazy collection: Logback or Log4j2 would format it
     * with its {@code toString()} on the caller's thread, which loads it. The bridges leave such a
     * message to the worker, which writes what is loaded.
     */
    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void aBridgedPlaceholderThatTakesAProxyOrALazyCollectionLoadsNothing(Preset preset) throws Exception {
        try (Session session = sessions.openSession()) {
            Customer reference = session.getReference(Customer.class, 2L);
            Customer customer = session.find(Customer.class, 1L);
            STATEMENTS.clear();
            Object[] arguments = {reference, customer.getOrders()};

            assertThat(LogBridge.formatsOnWorker(arguments)).isTrue();
            assertThat(LogBridge.formatsOnWorker(new Object[] {"id", new Object[] {reference}})).isTrue();
            assertThat(LogBridge.formatsOnWorker(new Object[] {"id", customer})).isFalse();
            JsonNode event = loggedThrough(preset, runtime -> runtime.bridge().submitUnformatted(System.currentTimeMillis(),
                    Level.INFO, "entities", "reference {}, orders {}", arguments, null, "main", null, null, List.of()));

            assertThat(STATEMENTS).isEmpty();
            assertThat(Hibernate.isInitialized(reference)).isFalse();
            assertThat(Hibernate.isInitialized(customer.getOrders())).isFalse();
            assertThat(event.get("message").asString()).isEqualTo("reference {customerId=2}, orders null");
        }
    }

    private static JsonNode logged(Preset preset, Consumer<Logger> calls) throws Exception {
        return loggedThrough(preset, runtime -> calls.accept(runtime.getLogger("entities")));
    }

    private static JsonNode loggedThrough(Preset preset, Consumer<FapilogRuntime> calls) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(preset).sinks().sink(sink).shutdownHook(false).start();
        calls.accept(runtime);
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(result.processed()).isEqualTo(1);
        return TestSinks.parse(sink.lines()).get(0);
    }
}
