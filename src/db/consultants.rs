//! The firm's consultants (the `consultant` table): who takes consultations, in which languages and
//! pathways, how many a day, how they meet, and their private calendar feed.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// A consultant with their account's name and address (empty for the firm's own calendar, not yet
/// linked to an account).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Consultant {
    pub consultant_id: Uuid,
    pub staff_user_id: Option<Uuid>,
    pub name: String,
    pub email: String,
    pub languages: Vec<String>,
    pub pathways: Vec<String>,
    pub daily_cap: i32,
    pub video_link: String,
    pub phone: String,
    /// Shown on the team page; not read by the schedule (whose JSON leaves them out).
    #[serde(default)]
    pub regulator: String,
    #[serde(default)]
    pub licence_number: String,
    pub active: bool,
}

impl Consultant {
    pub fn speaks(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == language)
    }

    pub fn takes(&self, pathway: &str) -> bool {
        self.pathways.iter().any(|p| p == pathway)
    }

    /// The name shown to applicants: the account's, or `firm` for the firm's own calendar.
    pub fn display_name<'a>(&'a self, firm: &'a str) -> &'a str {
        if self.name.is_empty() { firm } else { &self.name }
    }
}

/// Which consultants [`select`] reads.
#[derive(Debug, Clone, Copy, Default)]
struct Filter<'a> {
    id: Option<Uuid>,
    staff_user_id: Option<Uuid>,
    feed_token_hash: Option<&'a [u8]>,
}

/// The consultants matching `filter` (every one when it is empty), active ones first, by name. A
/// consultant whose account is disabled is not active.
async fn select(db: impl PgExecutor<'_>, filter: Filter<'_>) -> sqlx::Result<Vec<Consultant>> {
    sqlx::query_as!(
        Consultant,
        r#"select c.consultant_id, c.staff_user_id, coalesce(s.name, '') as "name!", coalesce(s.email, '') as "email!",
                  c.languages, c.pathways, c.daily_cap, c.video_link, c.phone,
                  c.regulator, c.licence_number, c.active and coalesce(s.active, true) as "active!"
           from consultant c left join staff_user s using (staff_user_id)
           where ($1::uuid is null or c.consultant_id = $1)
             and ($2::uuid is null or c.staff_user_id = $2)
             and ($3::bytea is null or c.feed_token_hash = $3)
           order by (c.active and coalesce(s.active, true)) desc, s.name nulls first, c.created_at"#,
        filter.id,
        filter.staff_user_id,
        filter.feed_token_hash,
    )
    .fetch_all(db)
    .await
}

/// Every consultant, active ones first, by name.
#[tracing::instrument(skip_all)]
pub async fn all(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Consultant>> {
    select(db, Filter::default()).await
}

#[tracing::instrument(skip_all, fields(consultant_id = %id))]
pub async fn find(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Consultant>> {
    let filter = Filter {
        id: Some(id),
        ..Filter::default()
    };
    Ok(select(db, filter).await?.pop())
}

/// The consultant a staff member is, if they consult.
#[tracing::instrument(skip_all)]
pub async fn of_staff(db: impl PgExecutor<'_>, staff_user_id: Uuid) -> sqlx::Result<Option<Consultant>> {
    let filter = Filter {
        staff_user_id: Some(staff_user_id),
        ..Filter::default()
    };
    Ok(select(db, filter).await?.pop())
}

/// What an admin sets of a consultant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Profile {
    pub languages: Vec<String>,
    pub pathways: Vec<String>,
    pub daily_cap: i32,
    pub video_link: String,
    pub phone: String,
    pub regulator: String,
    pub licence_number: String,
    pub active: bool,
}

/// Makes staff member `staff_user_id` a consultant with the firm's default daily cap. They follow
/// the firm's hours (the rules without a consultant) until they are given hours of their own.
#[tracing::instrument(skip_all)]
pub async fn create(
    conn: &mut PgConnection,
    staff_user_id: Uuid,
    languages: &[String],
    pathways: &[String],
) -> sqlx::Result<Uuid> {
    let id = sqlx::query_scalar!(
        "insert into consultant (staff_user_id, languages, pathways, daily_cap)
         values ($1, $2, $3, (select daily_cap from availability_setting))
         returning consultant_id",
        staff_user_id,
        languages,
        pathways,
    )
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Replaces what an admin sets; returns what it was, `None` when there is no such consultant.
#[tracing::instrument(skip_all, fields(consultant_id = %id))]
pub async fn update(conn: &mut PgConnection, id: Uuid, new: &Profile) -> sqlx::Result<Option<Profile>> {
    let before = sqlx::query_as!(
        Profile,
        "select languages, pathways, daily_cap, video_link, phone, regulator, licence_number, active
         from consultant where consultant_id = $1 for update",
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if before.is_some() {
        sqlx::query!(
            "update consultant set languages = $2, pathways = $3, daily_cap = $4, video_link = $5, phone = $6,
                    active = $7, regulator = $8, licence_number = $9, updated_at = now()
             where consultant_id = $1",
            id,
            &new.languages,
            &new.pathways,
            new.daily_cap,
            new.video_link,
            new.phone,
            new.active,
            new.regulator,
            new.licence_number,
        )
        .execute(conn)
        .await?;
    }
    Ok(before)
}

/// Links the firm's own calendar (or any consultant without an account) to a staff member.
#[tracing::instrument(skip_all, fields(consultant_id = %id))]
pub async fn link_account(conn: &mut PgConnection, id: Uuid, staff_user_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update consultant set staff_user_id = $2, updated_at = now()
         where consultant_id = $1 and staff_user_id is null",
        id,
        staff_user_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the consultant's calendar feed token (`None` revokes the feed).
#[tracing::instrument(skip_all, fields(consultant_id = %id))]
pub async fn set_feed_token(conn: &mut PgConnection, id: Uuid, token_hash: Option<&[u8]>) -> sqlx::Result<()> {
    sqlx::query!(
        "update consultant set feed_token_hash = $2, updated_at = now() where consultant_id = $1",
        id,
        token_hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the consultant has a calendar feed.
#[tracing::instrument(skip_all, fields(consultant_id = %id))]
pub async fn has_feed(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select feed_token_hash is not null as "has!" from consultant where consultant_id = $1"#,
        id
    )
    .fetch_optional(db)
    .await
    .map(|found| found.unwrap_or(false))
}

/// The consultant whose feed token hashes to `token_hash`.
#[tracing::instrument(skip_all)]
pub async fn by_feed_token(db: impl PgExecutor<'_>, token_hash: &[u8]) -> sqlx::Result<Option<Consultant>> {
    let filter = Filter {
        feed_token_hash: Some(token_hash),
        ..Filter::default()
    };
    Ok(select(db, filter).await?.pop())
}

/// What an admin sets of consultant `id`, as stored: `active` is the consultant's own flag, whatever
/// their account's (a disabled account keeps its consultant's flag for when it is enabled again).
#[tracing::instrument(skip_all, fields(consultant_id = %id))]
pub async fn profile(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Profile>> {
    sqlx::query_as!(
        Profile,
        "select languages, pathways, daily_cap, video_link, phone, regulator, licence_number, active
         from consultant where consultant_id = $1",
        id
    )
    .fetch_optional(db)
    .await
}

/// The unique constraint that keeps one consultant per staff account.
pub const ONE_PER_ACCOUNT: &str = "consultant_staff_user_id_key";
