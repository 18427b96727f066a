package io.fapilog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What fapilog-core exports: the API and SPI packages, whose public signatures name no internal
 * type, and nothing under {@code io.fapilog.internal}, which no other module of the build uses.
 */
class ApiBoundaryTest {

    private static final Set<String> EXPORTED = Set.of("io.fapilog", "io.fapilog.config", "io.fapilog.spi",
            "io.fapilog.context", "io.fapilog.sinks");
    private static final String INTERNAL = "io.fapilog.internal";

    @Test
    void everyPackageIsEitherExportedOrInternal() throws IOException {
        Set<String> packages = new TreeSet<>();
        for (String name : mainClassNames()) {
            packages.add(name.substring(0, name.lastIndexOf('.')));
        }
        assertThat(packages).allMatch(p -> EXPORTED.contains(p) || p.equals(INTERNAL) || p.startsWith(INTERNAL + "."));
        assertThat(packages).containsAll(EXPORTED);
    }

    @Test
    void exportedSignaturesNameNoInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String name : mainClassNames()) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!EXPORTED.contains(type.getPackageName()) || !isVisible(type)) {
                continue;
            }
            check(leaks, type, "extends", type.getGenericSuperclass());
            for (Type implemented : type.getGenericInterfaces()) {
                check(leaks, type, "implements", implemented);
            }
            for (Method method : type.getDeclaredMethods()) {
                if (isVisible(method.getModifiers()) && !method.isSynthetic()) {
                    check(leaks, type, method.getName() + " returns", method.getGenericReturnType());
                    for (Type parameter : method.getGenericParameterTypes()) {
                        check(leaks, type, method.getName() + " takes", parameter);
                    }
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (isVisible(constructor.getModifiers())) {
                    for (Type parameter : constructor.getGenericParameterTypes()) {
                        check(leaks, type, "constructor takes", parameter);
                    }
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (isVisible(field.getModifiers())) {
                    check(leaks, type, field.getName(), field.getGenericType());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void noOtherModuleUsesAnInternalPackage() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> users = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> m.getFileName().toString().startsWith("fapilog-")
                    && !m.getFileName().toString().equals("fapilog-core")).toList()) {
                Path sources = module.resolve("src/main/java");
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        if (Files.readString(file).contains(INTERNAL)) {
                            users.add(root.relativize(file).toString());
                        }
                    }
                }
            }
        }
        assertThat(users).isEmpty();
    }

    private static void check(List<String> leaks, Class<?> owner, String where, Type type) {
        if (type instanceof Class<?> c) {
            Class<?> component = c;
            while (component.isArray()) {
                component = component.getComponentType();
            }
            if (component.getPackageName().startsWith(INTERNAL)) {
                leaks.add(owner.getName() + " " + where + " " + component.getName());
            }
        } else if (type instanceof ParameterizedType parameterized) {
            check(leaks, owner, where, parameterized.getRawType());
            for (Type argument : parameterized.getActualTypeArguments()) {
                check(leaks, owner, where, argument);
            }
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                check(leaks, owner, where, bound);
            }
        }
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!isVisible(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<String> mainClassNames() throws IOException {
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replace(".class", ""))
                    .toList();
        }
    }
}
