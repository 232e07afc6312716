package io.botfleet.persistence.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.botfleet.persistence}, usually {@code etc/io.botfleet.persistence.cfg}. */
@ObjectClassDefinition(name = "Botfleet persistence",
        description = "Where Botfleet keeps bots, orders, fills, artifacts and the audit log.")
public @interface PersistenceConfig {

    String PID = "io.botfleet.persistence";

    @AttributeDefinition(name = "JDBC URL", required = false,
            description = "jdbc:h2:... or jdbc:postgresql://host:port/db. Empty: an H2 file database "
                    + "under <botfleet.home>/data/.")
    String jdbcUrl() default "";

    @AttributeDefinition(name = "User", required = false)
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(name = "Pool size", min = "2",
            description = "Maximum pooled connections; the journal writers hold one each while they commit.")
    int poolSize() default 8;

    @AttributeDefinition(name = "Journal writer threads", min = "1",
            description = "Group-commit writer threads; bots are spread over them by id. One is right "
                    + "for H2 (one file); PostgreSQL may profit from 2-4.")
    int journalWriters() default 1;
}
