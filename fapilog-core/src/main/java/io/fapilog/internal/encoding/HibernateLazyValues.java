package io.fapilog.internal.encoding;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Set;

/**
 * Hibernate's lazy values, read without loading anything: a log call must not run SQL, and the
 * worker that writes an entity later must never use the application's session, which is not
 * thread-safe (a lazy association read there would load on the worker while the request's thread
 * uses the same session). Known by their interfaces' names: fapilog has no dependency on Hibernate.
 *
 * <ul>
 *   <li>An uninitialised proxy ({@code getReferenceById}, a lazy to-one) is written as its identifier,
 *       under the entity's {@code @Id} property: {@code {"id":42}}, the shape of the entity itself.
 *   <li>An initialised proxy is written as the entity it stands for, without Hibernate's fields.
 *   <li>An uninitialised lazy collection is written as {@code null} (a mapped collection that has been
 *       loaded is never null), an initialised one as its elements.
 * </ul>
 */
public final class HibernateLazyValues {

    private static final String PROXY = "org.hibernate.proxy.HibernateProxy";
    private static final String COLLECTION = "org.hibernate.collection.spi.PersistentCollection";
    private static final Set<String> ID_ANNOTATIONS = Set.of("jakarta.persistence.Id", "jakarta.persistence.EmbeddedId",
            "javax.persistence.Id", "javax.persistence.EmbeddedId");

    /** How a class is read: its methods of Hibernate's interface, or none for any other class. */
    private record Access(Method initializer, Method uninitialized, Method identifier, Method implementation,
                          Method persistentClass, Method wasInitialized) {
        static final Access NONE = new Access(null, null, null, null, null, null);

        Method[] methods() {
            return this == NONE ? NO_METHODS
                    : new Method[] {initializer, uninitialized, identifier, implementation, persistentClass, wasInitialized};
        }

        static Access of(Method[] methods) {
            return methods.length == 0 ? NONE : new Access(methods[0], methods[1], methods[2], methods[3], methods[4], methods[5]);
        }
    }

    private static final Method[] NO_METHODS = new Method[0];

    /**
     * Each class's {@link Access} as an array of the JDK's type: a class holds its {@code ClassValue}s'
     * values strongly, and an {@code Access} held by {@code String.class} would keep fapilog's class
     * loader, a redeployed web application's, alive for good.
     */
    private static final ClassValue<Method[]> ACCESS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            return accessOf(type).methods();
        }
    };

    private static final ClassValue<String> ID_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return idNameOf(type);
        }
    };

    private HibernateLazyValues() {
    }

    /** Whether values of {@code type} are Hibernate proxies or persistent collections. */
    public static boolean isLazyType(Class<?> type) {
        return ACCESS.get(type).length != 0;
    }

    /**
     * What is written for {@code value}: the value itself unless it is one of Hibernate's lazy
     * values, else what is loaded of it (see the class's description); never loads anything.
     *
     * @throws IllegalStateException when Hibernate's methods cannot be called
     */
    public static Object loaded(Object value) {
        Method[] methods = ACCESS.get(value.getClass());
        if (methods.length == 0) {
            return value;
        }
        Access access = Access.of(methods);
        if (access.wasInitialized() != null) {
            return (Boolean) call(access.wasInitialized(), value) ? value : null;
        }
        Object initializer = call(access.initializer(), value);
        if (!(Boolean) call(access.uninitialized(), initializer)) {
            try {
                return call(access.implementation(), initializer);
            } catch (IllegalStateException failed) {
                // its row is gone (a failed initialisation): what is known of it
            }
        }
        Class<?> entity = (Class<?>) call(access.persistentClass(), initializer);
        return Collections.singletonMap(ID_NAMES.get(entity), call(access.identifier(), initializer));
    }

    private static Object call(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read Hibernate's " + method.getName() + "()", e);
        }
    }

    private static Access accessOf(Class<?> type) {
        try {
            Class<?> proxy = interfaceNamed(type, PROXY);
            if (proxy != null) {
                Method initializer = proxy.getMethod("getHibernateLazyInitializer");
                Class<?> lazy = initializer.getReturnType();
                return new Access(initializer, lazy.getMethod("isUninitialized"), identifier(lazy),
                        lazy.getMethod("getImplementation"), lazy.getMethod("getPersistentClass"), null);
            }
            Class<?> collection = interfaceNamed(type, COLLECTION);
            if (collection != null) {
                return new Access(null, null, null, null, null, collection.getMethod("wasInitialized"));
            }
        } catch (NoSuchMethodException e) {
            // another Hibernate than the one known here: written as any other object
        }
        return Access.NONE;
    }

    /**
     * The identifier as the proxy holds it: {@code getInternalIdentifier()} (Hibernate 6 and later);
     * {@code getIdentifier()} initialises the proxy under {@code hibernate.jpa.compliance.proxy=true}.
     */
    private static Method identifier(Class<?> lazyInitializer) throws NoSuchMethodException {
        try {
            return lazyInitializer.getMethod("getInternalIdentifier");
        } catch (NoSuchMethodException older) {
            return lazyInitializer.getMethod("getIdentifier");
        }
    }

    private static Class<?> interfaceNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(name)) {
                    return implemented;
                }
                Class<?> inherited = interfaceNamed(implemented, name);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }

    /** The entity's identifier property: its {@code @Id} or {@code @EmbeddedId} field or getter, else {@code id}. */
    private static String idNameOf(Class<?> entity) {
        for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (isId(field)) {
                    return field.getName();
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                String name = method.getName();
                if (isId(method) && name.startsWith("get") && name.length() > 3) {
                    return Character.toLowerCase(name.charAt(3)) + name.substring(4);
                }
            }
        }
        return "id";
    }

    private static boolean isId(AnnotatedElement element) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (ID_ANNOTATIONS.contains(annotation.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }
}
