//! The registers beside the asset register (risk.md §7): one table for all five, the fields each
//! has coming from `mamori_domain::operations::registers`. Entries are written only with values
//! the one parser in `mamori-app` checked; the store adds when their alerts start.

use std::collections::BTreeMap;

use mamori_domain::operations::registers::{DEFAULT_ALERT_DAYS, RegisterKind, alert_from};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use time::Date;

use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{OrgId, OrgScope, RegisterEntryId, Result, RiskAssetId, Store, StoreError, Timestamp};

/// An entry's name, its other fields (`key` → text, days as `YYYY-MM-DD`) and the information
/// assets it holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterFields {
    pub name: String,
    pub values: BTreeMap<String, String>,
    pub assets: Vec<RiskAssetId>,
}

impl RegisterFields {
    pub fn value(&self, key: &str) -> Option<&str> {
        if key == "name" {
            return Some(self.name.as_str());
        }
        self.values.get(key).map(String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterEntry {
    pub id: RegisterEntryId,
    pub kind: RegisterKind,
    pub fields: RegisterFields,
    pub updated_at: Timestamp,
}

/// An entry whose alerts show today, with its company (for the sweep over every company).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertingEntry {
    pub org: OrgId,
    pub alert_days: u16,
    pub entry: RegisterEntry,
}

const COLUMNS: &str = "e.id, e.kind, e.name, e.fields, e.updated_at";

pub(crate) fn entry_from_row(r: &AnyRow) -> Result<RegisterEntry> {
    let kind: String = r.try_get("kind")?;
    let fields: String = r.try_get("fields")?;
    Ok(RegisterEntry {
        id: RegisterEntryId(r.try_get("id")?),
        kind: RegisterKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("register kind {kind:?}")))?,
        fields: RegisterFields {
            name: r.try_get("name")?,
            values: serde_json::from_str(&fields)
                .map_err(|e| StoreError::Corrupt(format!("register fields: {e}")))?,
            assets: Vec::new(),
        },
        updated_at: Timestamp(r.try_get("updated_at")?),
    })
}

fn alert_from_text(kind: RegisterKind, f: &RegisterFields, days: u16) -> Option<String> {
    alert_from(kind, |k| f.value(k), days).map(|d| d.to_string())
}

fn fields_json(f: &RegisterFields) -> String {
    serde_json::to_string(&f.values).unwrap_or_else(|_| "{}".to_owned())
}

async fn alert_days_in(tx: &mut Transaction<'_, Any>, org: OrgId) -> Result<u16> {
    let days: Option<i64> =
        sqlx::query_scalar("SELECT alert_days FROM register_settings WHERE org_id = $1")
            .bind(org.0)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(days
        .and_then(|d| u16::try_from(d).ok())
        .unwrap_or(DEFAULT_ALERT_DAYS))
}

/// Links the entry to those of `assets` that are the company's own; others are ignored (the
/// parser offers only the company's assets, so another id is a forged or stale form).
async fn link_assets(
    tx: &mut Transaction<'_, Any>,
    org: OrgId,
    entry: RegisterEntryId,
    assets: &[RiskAssetId],
) -> Result<()> {
    sqlx::query("DELETE FROM register_links WHERE entry_id = $1")
        .bind(entry.0)
        .execute(&mut **tx)
        .await?;
    for a in assets {
        sqlx::query(
            "INSERT INTO register_links (entry_id, asset_id) \
             SELECT $1, id FROM risk_assets WHERE id = $2 AND org_id = $3",
        )
        .bind(entry.0)
        .bind(a.0)
        .bind(org.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Store {
    /// How many entries each register of the company holds.
    pub async fn register_counts(&self, scope: &OrgScope) -> Result<Vec<(RegisterKind, i64)>> {
        let rows = sqlx::query(
            "SELECT kind, COUNT(*) AS n FROM register_entries WHERE org_id = $1 GROUP BY kind",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let kind: String = r.try_get("kind")?;
            if let Some(k) = RegisterKind::parse(&kind) {
                out.push((k, r.try_get("n")?));
            }
        }
        Ok(out)
    }

    /// One register, by name, with each entry's linked assets (two queries, whatever its size).
    pub async fn register_entries(
        &self,
        scope: &OrgScope,
        kind: RegisterKind,
    ) -> Result<Vec<RegisterEntry>> {
        let org = scope.org().0;
        let (rows, links) = tokio::try_join!(
            sqlx::query(sql!(
                "SELECT {COLUMNS} FROM register_entries e WHERE e.org_id = $1 AND e.kind = $2 \
                 ORDER BY e.name, e.id"
            ))
            .bind(org)
            .bind(kind.slug())
            .fetch_all(&self.read),
            sqlx::query(
                "SELECT l.entry_id, l.asset_id FROM register_links l \
                 JOIN register_entries e ON e.id = l.entry_id \
                 WHERE e.org_id = $1 AND e.kind = $2 ORDER BY l.entry_id, l.asset_id"
            )
            .bind(org)
            .bind(kind.slug())
            .fetch_all(&self.read),
        )?;
        let mut by_entry: BTreeMap<i64, Vec<RiskAssetId>> = BTreeMap::new();
        for l in &links {
            by_entry
                .entry(l.try_get("entry_id")?)
                .or_default()
                .push(RiskAssetId(l.try_get("asset_id")?));
        }
        rows.iter()
            .map(|r| {
                let mut e = entry_from_row(r)?;
                e.fields.assets = by_entry.remove(&e.id.0).unwrap_or_default();
                Ok(e)
            })
            .collect()
    }

    /// One page of a register, by name, optionally only the entries whose name contains
    /// `search` (any case); returns the number of matching entries and the page, with the
    /// page's linked assets. Only the page is read, however large the register.
    pub async fn register_page(
        &self,
        scope: &OrgScope,
        kind: RegisterKind,
        search: &str,
        offset: i64,
        limit: i64,
    ) -> Result<(i64, Vec<RegisterEntry>)> {
        let org = scope.org().0;
        let pattern = format!(
            "%{}%",
            search
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let filter =
            "e.org_id = $1 AND e.kind = $2 AND ($3 = '' OR LOWER(e.name) LIKE $4 ESCAPE '\\')";
        let (total, rows) = tokio::try_join!(
            sqlx::query_scalar::<_, i64>(sql!(
                "SELECT COUNT(*) FROM register_entries e WHERE {filter}"
            ))
            .bind(org)
            .bind(kind.slug())
            .bind(search)
            .bind(&pattern)
            .fetch_one(&self.read),
            sqlx::query(sql!(
                "SELECT {COLUMNS} FROM register_entries e WHERE {filter} \
                 ORDER BY e.name, e.id LIMIT $5 OFFSET $6"
            ))
            .bind(org)
            .bind(kind.slug())
            .bind(search)
            .bind(&pattern)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.read),
        )?;
        let mut entries = rows
            .iter()
            .map(entry_from_row)
            .collect::<Result<Vec<_>>>()?;
        if !entries.is_empty() {
            let placeholders: Vec<String> = (1..=entries.len()).map(|i| format!("${i}")).collect();
            let mut q = sqlx::query(sql!(
                "SELECT entry_id, asset_id FROM register_links WHERE entry_id IN ({}) \
                 ORDER BY entry_id, asset_id",
                placeholders.join(", ")
            ));
            for e in &entries {
                q = q.bind(e.id.0);
            }
            let mut by_entry: BTreeMap<i64, Vec<RiskAssetId>> = BTreeMap::new();
            for l in q.fetch_all(&self.read).await? {
                by_entry
                    .entry(l.try_get("entry_id")?)
                    .or_default()
                    .push(RiskAssetId(l.try_get("asset_id")?));
            }
            for e in &mut entries {
                e.fields.assets = by_entry.remove(&e.id.0).unwrap_or_default();
            }
        }
        Ok((total, entries))
    }

    /// One entry of one register; another company's, or another register's, is not found.
    pub async fn register_entry(
        &self,
        scope: &OrgScope,
        kind: RegisterKind,
        id: RegisterEntryId,
    ) -> Result<RegisterEntry> {
        let row = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM register_entries e WHERE e.id = $1 AND e.org_id = $2 AND e.kind = $3"
        ))
        .bind(id.0)
        .bind(scope.org().0)
        .bind(kind.slug())
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound)?;
        let mut e = entry_from_row(&row)?;
        e.fields.assets = sqlx::query_scalar::<_, i64>(
            "SELECT asset_id FROM register_links WHERE entry_id = $1 ORDER BY asset_id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?
        .into_iter()
        .map(RiskAssetId)
        .collect();
        Ok(e)
    }

    pub async fn create_register_entry(
        &self,
        scope: &OrgScope,
        kind: RegisterKind,
        f: &RegisterFields,
    ) -> Result<RegisterEntry> {
        require_editor(scope)?;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        let days = alert_days_in(&mut tx, scope.org()).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO register_entries (org_id, kind, name, fields, alert_from, created_by, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(scope.org().0)
        .bind(kind.slug())
        .bind(f.name.as_str())
        .bind(fields_json(f))
        .bind(alert_from_text(kind, f, days))
        .bind(scope.user().0)
        .bind(now.0)
        .fetch_one(&mut *tx)
        .await?;
        let id = RegisterEntryId(id);
        link_assets(&mut tx, scope.org(), id, &f.assets).await?;
        audit(&mut tx, scope, "register.create", kind, id, &f.name).await?;
        tx.commit().await?;
        self.register_entry(scope, kind, id).await
    }

    pub async fn update_register_entry(
        &self,
        scope: &OrgScope,
        kind: RegisterKind,
        id: RegisterEntryId,
        f: &RegisterFields,
    ) -> Result<RegisterEntry> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let days = alert_days_in(&mut tx, scope.org()).await?;
        let done = sqlx::query(
            "UPDATE register_entries SET name = $1, fields = $2, alert_from = $3, updated_at = $4 \
             WHERE id = $5 AND org_id = $6 AND kind = $7",
        )
        .bind(f.name.as_str())
        .bind(fields_json(f))
        .bind(alert_from_text(kind, f, days))
        .bind(Timestamp::now().0)
        .bind(id.0)
        .bind(scope.org().0)
        .bind(kind.slug())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        link_assets(&mut tx, scope.org(), id, &f.assets).await?;
        audit(&mut tx, scope, "register.update", kind, id, &f.name).await?;
        tx.commit().await?;
        self.register_entry(scope, kind, id).await
    }

    pub async fn delete_register_entry(
        &self,
        scope: &OrgScope,
        kind: RegisterKind,
        id: RegisterEntryId,
    ) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let name: Option<String> = sqlx::query_scalar(
            "DELETE FROM register_entries WHERE id = $1 AND org_id = $2 AND kind = $3 RETURNING name",
        )
        .bind(id.0)
        .bind(scope.org().0)
        .bind(kind.slug())
        .fetch_optional(&mut *tx)
        .await?;
        let name = name.ok_or(StoreError::NotFound)?;
        audit(&mut tx, scope, "register.delete", kind, id, &name).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Stores imported rows in one transaction: appended, or replacing the whole register.
    /// Returns how many were added and removed.
    pub async fn import_register_entries(
        &self,
        scope: &OrgScope,
        kind: RegisterKind,
        rows: &[RegisterFields],
        replace: bool,
    ) -> Result<(u64, u64)> {
        require_editor(scope)?;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        let days = alert_days_in(&mut tx, scope.org()).await?;
        let removed = if replace {
            sqlx::query("DELETE FROM register_entries WHERE org_id = $1 AND kind = $2")
                .bind(scope.org().0)
                .bind(kind.slug())
                .execute(&mut *tx)
                .await?
                .rows_affected()
        } else {
            0
        };
        // Many rows to a statement: a register of 5,000 devices is 50 round trips, not 5,000.
        for chunk in rows.chunks(100) {
            let mut sql = String::from(
                "INSERT INTO register_entries (org_id, kind, name, fields, alert_from, created_by, \
                 created_at, updated_at) VALUES ",
            );
            for i in 0..chunk.len() {
                let b = i * 8;
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 8
                ));
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for f in chunk {
                q = q
                    .bind(scope.org().0)
                    .bind(kind.slug())
                    .bind(f.name.as_str())
                    .bind(fields_json(f))
                    .bind(alert_from_text(kind, f, days))
                    .bind(scope.user().0)
                    .bind(now.0)
                    .bind(now.0);
            }
            q.execute(&mut *tx).await?;
        }
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "register.import",
                object_type: "register",
                object_id: kind.slug().to_owned(),
                detail: json!({"register": kind.slug(), "added": rows.len(), "removed": removed, "replace": replace}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok((rows.len() as u64, removed))
    }

    /// How many days ahead the company's register alerts show.
    pub async fn register_alert_days(&self, scope: &OrgScope) -> Result<u16> {
        let days: Option<i64> =
            sqlx::query_scalar("SELECT alert_days FROM register_settings WHERE org_id = $1")
                .bind(scope.org().0)
                .fetch_optional(&self.read)
                .await?;
        Ok(days
            .and_then(|d| u16::try_from(d).ok())
            .unwrap_or(DEFAULT_ALERT_DAYS))
    }

    /// Sets how many days ahead alerts show, and moves every entry's start of alerts with it.
    pub async fn set_register_alert_days(&self, scope: &OrgScope, days: u16) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM register_settings WHERE org_id = $1")
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO register_settings (org_id, alert_days) VALUES ($1, $2)")
            .bind(scope.org().0)
            .bind(i64::from(days))
            .execute(&mut *tx)
            .await?;
        let rows = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM register_entries e WHERE e.org_id = $1 AND e.alert_from IS NOT NULL"
        ))
        .bind(scope.org().0)
        .fetch_all(&mut *tx)
        .await?;
        let moved = rows
            .iter()
            .map(|r| {
                let e = entry_from_row(r)?;
                Ok((e.id.0, alert_from_text(e.kind, &e.fields, days)))
            })
            .collect::<Result<Vec<_>>>()?;
        // A hundred entries a statement: a register of thousands of devices is tens of round
        // trips, not thousands.
        for chunk in moved.chunks(100) {
            let mut cases = String::new();
            let mut ids = Vec::with_capacity(chunk.len());
            for (i, _) in chunk.iter().enumerate() {
                cases.push_str(&format!(" WHEN ${} THEN ${}", 2 * i + 1, 2 * i + 2));
                ids.push(format!("${}", 2 * chunk.len() + i + 1));
            }
            let mut q = sqlx::query(sql!(
                "UPDATE register_entries SET alert_from = CASE id{cases} END WHERE id IN ({})",
                ids.join(", ")
            ));
            for (id, from) in chunk {
                q = q.bind(*id).bind(from.clone());
            }
            for (id, _) in chunk {
                q = q.bind(*id);
            }
            q.execute(&mut *tx).await?;
        }
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "register.alert_days",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"days": days}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The company's entries whose alerts show on `today`, every register.
    pub async fn register_alerting(
        &self,
        scope: &OrgScope,
        today: Date,
    ) -> Result<Vec<RegisterEntry>> {
        let rows = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM register_entries e \
             WHERE e.org_id = $1 AND e.alert_from IS NOT NULL AND e.alert_from <= $2 \
             ORDER BY e.alert_from, e.id"
        ))
        .bind(scope.org().0)
        .bind(today.to_string())
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// Every company's entries whose alerts show on `today` (for the e-mail digest), by
    /// company: one index range over all companies, no query per company.
    pub async fn register_alerting_everywhere(&self, today: Date) -> Result<Vec<AlertingEntry>> {
        let rows = sqlx::query(sql!(
            "SELECT {COLUMNS}, e.org_id, s.alert_days FROM register_entries e \
             LEFT JOIN register_settings s ON s.org_id = e.org_id \
             WHERE e.alert_from IS NOT NULL AND e.alert_from <= $1 \
             ORDER BY e.org_id, e.alert_from, e.id"
        ))
        .bind(today.to_string())
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let days: Option<i64> = r.try_get("alert_days")?;
                Ok(AlertingEntry {
                    org: OrgId(r.try_get("org_id")?),
                    alert_days: days
                        .and_then(|d| u16::try_from(d).ok())
                        .unwrap_or(DEFAULT_ALERT_DAYS),
                    entry: entry_from_row(r)?,
                })
            })
            .collect()
    }
}

async fn audit(
    tx: &mut Transaction<'_, Any>,
    scope: &OrgScope,
    action: &'static str,
    kind: RegisterKind,
    id: RegisterEntryId,
    name: &str,
) -> Result<()> {
    record(
        &mut **tx,
        NewAuditEvent {
            org: Some(scope.org()),
            actor: Some(scope.user()),
            action,
            object_type: "register_entry",
            object_id: id.to_string(),
            detail: json!({"register": kind.slug(), "name": name}),
        },
    )
    .await
}
