-- Camel's JdbcMessageIdRepository (camel-sql) table, with the primary key its own
-- createTableIfNotExists leaves out: the key is what makes "each message once" hold across replicas.
CREATE TABLE camel_messageprocessed (
    processorname VARCHAR(255) NOT NULL,
    messageid     VARCHAR(255) NOT NULL,
    createdat     TIMESTAMP    NOT NULL,
    PRIMARY KEY (processorname, messageid)
);
