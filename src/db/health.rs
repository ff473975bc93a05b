use sqlx::PgPool;

use super::MIGRATOR;

/// True when the database answers and this release may run on its schema: every compiled-in
/// migration applied, none changed or failed (see [`SchemaStatus`]).
pub async fn ready(pool: &PgPool) -> sqlx::Result<bool> {
    Ok(schema_status(pool).await?.is_current())
}

/// How the database's applied migrations compare with the ones compiled into this binary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SchemaStatus {
    /// Migrations of this release not yet applied (version, description), oldest first.
    pub pending: Vec<(i64, String)>,
    /// Applied with a different checksum: the file changed after it ran.
    pub changed: Vec<i64>,
    /// Started and failed: the schema is in an unknown state.
    pub failed: Vec<i64>,
    /// Applied but unknown to this binary: a newer release migrated the database (an expand-only
    /// migration lets the previous release run on it, which is what a rollback relies on).
    pub newer: Vec<i64>,
}

impl SchemaStatus {
    /// True when this binary may run on the database as it is.
    pub fn is_current(&self) -> bool {
        self.pending.is_empty() && self.changed.is_empty() && self.failed.is_empty()
    }

    /// One line saying what is wrong, for a refusal to start.
    pub fn problem(&self) -> Option<String> {
        if let Some(version) = self.failed.first() {
            return Some(format!(
                "migration {version} failed part-way; the schema must be repaired (or restored) before intake can start"
            ));
        }
        if let Some(version) = self.changed.first() {
            return Some(format!(
                "migration {version} was applied from a different file than this release carries; is this the right release for this database?"
            ));
        }
        let (version, description) = self.pending.first()?;
        Some(format!(
            "the database schema is behind this release: {} migration(s) not applied, the first {version} ({description}); run `intake migrate` as the release step first",
            self.pending.len()
        ))
    }
}

/// Compares the applied migrations (`_sqlx_migrations`) with this binary's; reads only.
pub async fn schema_status(pool: &PgPool) -> sqlx::Result<SchemaStatus> {
    let table: Option<String> = sqlx::query_scalar!(r#"select to_regclass('_sqlx_migrations')::text as "name""#)
        .fetch_one(pool)
        .await?;
    let applied = if table.is_some() {
        sqlx::query!("select version, checksum, success from _sqlx_migrations order by version")
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|row| (row.version, row.checksum, row.success))
            .collect()
    } else {
        Vec::new()
    };
    let mut status = SchemaStatus::default();
    let known: Vec<_> = MIGRATOR.iter().filter(|m| m.migration_type.is_up_migration()).collect();
    for migration in &known {
        match applied.iter().find(|(version, _, _)| *version == migration.version) {
            None => status
                .pending
                .push((migration.version, migration.description.to_string())),
            Some((_, _, false)) => status.failed.push(migration.version),
            Some((_, checksum, true)) if checksum.as_slice() != &*migration.checksum => {
                status.changed.push(migration.version)
            }
            Some(_) => {}
        }
    }
    for (version, _, success) in &applied {
        if !known.iter().any(|m| m.version == *version) {
            if *success {
                status.newer.push(*version);
            } else {
                status.failed.push(*version);
            }
        }
    }
    Ok(status)
}
