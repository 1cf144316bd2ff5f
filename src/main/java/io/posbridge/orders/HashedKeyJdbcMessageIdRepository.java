package io.posbridge.orders;

import io.posbridge.ops.Sha256;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/**
 * Camel's JDBC idempotent repository, storing the SHA-256 of each key instead of the key. The file read lock's
 * key is the file's absolute path, which can be longer than camel_messageprocessed's 255 characters; the insert
 * then fails and Camel takes that, silently, for a lock held elsewhere, so the file was never taken. The read lock
 * removes its key on commit, so keys stored before this change need no migration.
 * <p>
 * Taking and releasing a key are one statement each, with no transaction around them: Camel's own add looks the key up
 * and then inserts it inside a Spring transaction, where the primary key alone decides who holds it (a key held
 * elsewhere inserts nothing).
 */
final class HashedKeyJdbcMessageIdRepository extends JdbcMessageIdRepository {

    HashedKeyJdbcMessageIdRepository(DataSource dataSource, String processorName) {
        super(dataSource, processorName);
        setInsertString("INSERT INTO camel_messageprocessed (processorName, messageId, createdAt) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING");
    }

    @Override
    public boolean add(String key) {
        return insert(key) == 1;
    }

    @Override
    public boolean remove(String key) {
        return delete(key) > 0;
    }

    @Override
    protected int queryForInt(String key) {
        return super.queryForInt(Sha256.hex(key));
    }

    @Override
    protected int insert(String key) {
        return super.insert(Sha256.hex(key));
    }

    @Override
    protected int delete(String key) {
        return super.delete(Sha256.hex(key));
    }
}
