package io.posbridge.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Gives the annotated test class a database of its own on a real PostgreSQL, migrated by the
 * application's Flyway at start-up and dropped after the class. Put it before {@code @SpringBootTest}
 * so the database exists before the context starts and outlives it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FreshPostgresExtension.class)
@DirtiesContext
public @interface FreshPostgres {
}
