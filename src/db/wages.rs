//! Job Bank wages (domain reference §7.3): the imported editions, their medians by geography and the
//! economic regions they name. An edition is written whole in one transaction (`store_edition`); the
//! pre-screen reads the edition in force on a date (`medians_for`, `regions`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use crate::{
    domain::wage::{EconomicRegion, Edition, GeoLevel, MedianFigure, MedianTable, WageUnit},
    wages::WageFile,
};

/// An edition on file, as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionSummary {
    pub effective_date: NaiveDate,
    pub source_file: String,
    /// `2021, 2023-2024, 2024`
    pub reference_periods: String,
    /// Medians stored.
    pub rows: i32,
    pub nocs: i32,
    /// Economic regions named in the file.
    pub regions: i32,
    pub imported_at: DateTime<Utc>,
    /// The admin's name; `None` for the command line, the starter edition or a deleted account.
    pub imported_by: Option<String>,
}

/// Serializes the writers of wage data (imports and the starter edition) until the transaction ends;
/// readers are not blocked.
pub async fn lock_editions(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query!("lock table wage_edition in share row exclusive mode")
        .execute(conn)
        .await?;
    Ok(())
}

/// True when some edition is on file.
pub async fn any_edition(db: impl PgExecutor<'_>) -> sqlx::Result<bool> {
    sqlx::query_scalar!(r#"select exists (select 1 from wage_edition) as "any!""#)
        .fetch_one(db)
        .await
}

/// True when no wage data is on file at all.
pub async fn is_empty(db: impl PgExecutor<'_>) -> sqlx::Result<bool> {
    Ok(!any_edition(db).await?)
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Stores `file` as its edition, replacing the edition of the same effective date (its medians and
/// regions with it). The caller owns the transaction: everything or nothing.
#[tracing::instrument(skip_all, fields(edition = %file.effective_date, medians = file.medians.len()))]
pub async fn store_edition(conn: &mut PgConnection, file: &WageFile, imported_by: Option<Uuid>) -> sqlx::Result<()> {
    lock_editions(&mut *conn).await?;
    sqlx::query!(
        "delete from wage_edition where effective_date = $1",
        file.effective_date
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into wage_edition (effective_date, source_file, reference_periods, rows, nocs, regions, imported_by)
         values ($1, $2, $3, $4, $5, $6, $7)",
        file.effective_date,
        file.source_file,
        file.reference_periods(),
        count(file.medians.len()),
        count(file.nocs()),
        count(file.economic_regions),
        imported_by,
    )
    .execute(&mut *conn)
    .await?;

    // One statement for every median: a column per array, unnested together.
    let n = file.medians.len();
    let (mut noc, mut level, mut province, mut er_code) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut name_en, mut name_fr, mut cents, mut unit, mut period) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for row in &file.medians {
        noc.push(row.noc.clone());
        level.push(row.level.as_str().to_owned());
        province.push(row.province.unwrap_or_default().to_owned());
        er_code.push(row.er_code.clone().unwrap_or_default());
        name_en.push(row.name_en.clone());
        name_fr.push(row.name_fr.clone());
        cents.push(row.median_cents);
        unit.push(row.unit.as_str().to_owned());
        period.push(row.reference_period.clone());
    }
    sqlx::query!(
        "insert into job_bank_median
           (noc, geo_level, province, er_code, er_name_en, er_name_fr, median, unit, reference_period,
            effective_date, source_file)
         select r.noc, r.geo_level, nullif(r.province, ''), nullif(r.er_code, ''), r.name_en, r.name_fr,
                (r.cents::numeric / 100)::numeric(12, 2), r.unit, r.period, $10, $11
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[],
                     $8::text[], $9::text[])
              as r(noc, geo_level, province, er_code, name_en, name_fr, cents, unit, period)",
        &noc,
        &level,
        &province,
        &er_code,
        &name_en,
        &name_fr,
        &cents,
        &unit,
        &period,
        file.effective_date,
        file.source_file,
    )
    .execute(&mut *conn)
    .await?;

    let (mut code, mut region_province, mut region_en, mut region_fr) = (
        Vec::with_capacity(file.regions.len()),
        Vec::with_capacity(file.regions.len()),
        Vec::with_capacity(file.regions.len()),
        Vec::with_capacity(file.regions.len()),
    );
    for region in &file.regions {
        code.push(region.er_code.clone());
        region_province.push(region.province.clone());
        region_en.push(region.name_en.clone());
        region_fr.push(region.name_fr.clone());
    }
    sqlx::query!(
        "insert into wage_region (effective_date, er_code, province, name_en, name_fr)
         select $1, r.er_code, r.province, r.name_en, r.name_fr
         from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as r(er_code, province, name_en, name_fr)",
        file.effective_date,
        &code,
        &region_province,
        &region_en,
        &region_fr,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The editions on file, newest first.
pub async fn editions(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<EditionSummary>> {
    sqlx::query_as!(
        EditionSummary,
        r#"select e.effective_date, e.source_file, e.reference_periods, e.rows, e.nocs, e.regions,
                  e.imported_at, s.name as "imported_by?"
           from wage_edition e left join staff_user s on s.staff_user_id = e.imported_by
           order by e.effective_date desc"#
    )
    .fetch_all(db)
    .await
}

/// One edition's summary.
pub async fn edition(db: impl PgExecutor<'_>, effective_date: NaiveDate) -> sqlx::Result<Option<EditionSummary>> {
    sqlx::query_as!(
        EditionSummary,
        r#"select e.effective_date, e.source_file, e.reference_periods, e.rows, e.nocs, e.regions,
                  e.imported_at, s.name as "imported_by?"
           from wage_edition e left join staff_user s on s.staff_user_id = e.imported_by
           where e.effective_date = $1"#,
        effective_date
    )
    .fetch_optional(db)
    .await
}

/// The edition in force on `on`: the newest whose effective date is on or before it.
pub async fn edition_on(db: impl PgExecutor<'_>, on: NaiveDate) -> sqlx::Result<Option<Edition>> {
    sqlx::query_as!(
        Edition,
        "select effective_date, source_file from wage_edition
         where effective_date <= $1 order by effective_date desc limit 1",
        on
    )
    .fetch_optional(db)
    .await
}

fn decode_error(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("job_bank_median: unknown {what} {value:?}").into())
}

/// The medians of `nocs` (five digits each), every geography, in the edition in force on `on` (§7.4:
/// the newest on or before it; never a mix of editions). No edition then: an empty table.
#[tracing::instrument(skip_all, fields(%on, nocs = nocs.len()))]
pub async fn medians_for(pool: &PgPool, on: NaiveDate, nocs: &[String]) -> sqlx::Result<MedianTable> {
    let Some(edition) = edition_on(pool, on).await? else {
        return Ok(MedianTable::default());
    };
    let rows = sqlx::query!(
        r#"select noc, geo_level, province, er_code, er_name_en, er_name_fr, median::float8 as "median!",
                  unit, reference_period, effective_date
           from job_bank_median
           where effective_date = $1 and noc = any($2)
           order by noc, geo_level, province, er_code"#,
        edition.effective_date,
        nocs,
    )
    .fetch_all(pool)
    .await?;
    let rows = rows
        .into_iter()
        .map(|r| {
            Ok(MedianFigure {
                level: GeoLevel::from_code(&r.geo_level).ok_or_else(|| decode_error("geo_level", &r.geo_level))?,
                unit: WageUnit::from_code(&r.unit).ok_or_else(|| decode_error("unit", &r.unit))?,
                noc: r.noc,
                province: r.province,
                er_code: r.er_code,
                area_en: r.er_name_en,
                area_fr: r.er_name_fr,
                median: r.median,
                reference_period: r.reference_period,
                effective_date: r.effective_date,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(MedianTable {
        edition: Some(edition),
        rows,
    })
}

/// The economic regions of `province` (a project code: `ON`) in the edition in force on `on`, by
/// name: the choices of `work_economic_region`. Empty for a province with a single region (PEI, the
/// territories) or when no edition is in force.
pub async fn regions(pool: &PgPool, on: NaiveDate, province: &str) -> sqlx::Result<Vec<EconomicRegion>> {
    sqlx::query_as!(
        EconomicRegion,
        "select er_code, province, name_en, name_fr from wage_region
         where effective_date = (select max(effective_date) from wage_edition where effective_date <= $1)
           and province = $2
         order by name_en, er_code",
        on,
        province
    )
    .fetch_all(pool)
    .await
}
