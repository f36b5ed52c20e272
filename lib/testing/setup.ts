// Every test file: the embedded database lives in memory unless DATABASE_URL names a PostgreSQL.
if (!process.env.DATABASE_URL) process.env.PGLITE_DATA_DIR = "memory://";
