//! Consultation bookings (the `booking` table).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::status::BookingStatus;

/// An active booking as the slot engine sees it: whose time it holds, from when to when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub booking_id: Uuid,
    pub consultant_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// Active bookings ending after `from`.
pub async fn busy(pool: &PgPool, from: DateTime<Utc>) -> sqlx::Result<Vec<Held>> {
    sqlx::query_as!(
        Held,
        "select booking_id, consultant_id, starts_at, ends_at from booking
         where status = 'active' and ends_at > $1 order by starts_at",
        from
    )
    .fetch_all(pool)
    .await
}

/// Active bookings starting in `[from, to)`.
pub async fn busy_between(pool: &PgPool, from: DateTime<Utc>, to: DateTime<Utc>) -> sqlx::Result<Vec<Held>> {
    sqlx::query_as!(
        Held,
        "select booking_id, consultant_id, starts_at, ends_at from booking
         where status = 'active' and starts_at >= $1 and starts_at < $2 order by starts_at",
        from,
        to
    )
    .fetch_all(pool)
    .await
}

/// `candidates` in the order a new consultation goes to them: fewest active consultations starting in
/// `[week_start, week_end)`, then the one whose last booking was made longest ago (never first).
pub async fn fairest(
    conn: &mut PgConnection,
    candidates: &[Uuid],
    week_start: DateTime<Utc>,
    week_end: DateTime<Utc>,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"select c.consultant_id as "consultant_id!"
           from unnest($1::uuid[]) as c(consultant_id)
           order by (select count(*) from booking b
                     where b.consultant_id = c.consultant_id and b.status = 'active'
                       and b.starts_at >= $2 and b.starts_at < $3),
                    (select max(b.created_at) from booking b where b.consultant_id = c.consultant_id) nulls first,
                    c.consultant_id"#,
        candidates,
        week_start,
        week_end
    )
    .fetch_all(conn)
    .await
}

pub struct NewBooking<'a> {
    pub application_id: Uuid,
    pub consultant_id: Uuid,
    /// The language the consultation is held in.
    pub language: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub buffer_minutes: i32,
    pub consultation_mode: &'a str,
    pub time_zone: &'a str,
    pub manage_token_hash: &'a [u8],
}

/// Holds the slot. Two active bookings of one consultant can never overlap: the second fails on the
/// `booking_no_overlap` constraint, whatever the timing.
#[tracing::instrument(skip_all, fields(application_id = %booking.application_id))]
pub async fn insert(conn: &mut PgConnection, booking: &NewBooking<'_>) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into booking (booking_id, application_id, starts_at, ends_at, blocks, consultation_mode, time_zone,
                              manage_token_hash, consultant_id, language)
         values ($1, $2, $3, $4, tstzrange($3::timestamptz, $4::timestamptz + make_interval(mins => $5::int), '[)'), $6, $7, $8,
                 $9, $10)",
        id,
        booking.application_id,
        booking.starts_at,
        booking.ends_at,
        booking.buffer_minutes,
        booking.consultation_mode,
        booking.time_zone,
        booking.manage_token_hash,
        booking.consultant_id,
        booking.language,
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// True when the error is another booking holding the time.
pub fn is_slot_taken(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.constraint() == Some("booking_no_overlap"))
}

/// A booking with what its emails and pages need from its application.
#[derive(Debug, Clone)]
pub struct BookingRow {
    pub booking_id: Uuid,
    pub application_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub consultation_mode: String,
    pub time_zone: String,
    pub status: BookingStatus,
    pub ics_sequence: i32,
    pub reference: Option<String>,
    pub full_name: Option<String>,
    pub email: Option<String>,
    /// The application's language: the one its emails are written in.
    pub language: String,
    pub pathway: Option<String>,
    /// The language the consultation is held in.
    pub consultation_language: String,
    pub consultant_id: Uuid,
    /// The consultant's name and address; empty for the firm's own calendar.
    pub host_name: String,
    pub host_email: String,
    pub host_video_link: String,
    pub host_phone: String,
}

pub async fn find_by_manage_token(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<BookingRow>> {
    sqlx::query_as!(
        BookingRow,
        r#"select b.booking_id, b.application_id, b.starts_at, b.ends_at, b.consultation_mode, b.time_zone,
                b.status as "status: BookingStatus", b.ics_sequence, a.reference, a.full_name, a.email, a.language,
                a.pathway, b.language as consultation_language, b.consultant_id,
                coalesce(s.name, '') as "host_name!", coalesce(s.email, '') as "host_email!",
                c.video_link as host_video_link, c.phone as host_phone
         from booking b join application a using (application_id)
              join consultant c using (consultant_id) left join staff_user s on s.staff_user_id = c.staff_user_id
         where b.manage_token_hash = $1"#,
        token_hash
    )
    .fetch_optional(pool)
    .await
}

/// The newest booking of an application (active or not).
pub async fn latest_for_application(pool: &PgPool, application_id: Uuid) -> sqlx::Result<Option<BookingRow>> {
    sqlx::query_as!(
        BookingRow,
        r#"select b.booking_id, b.application_id, b.starts_at, b.ends_at, b.consultation_mode, b.time_zone,
                b.status as "status: BookingStatus", b.ics_sequence, a.reference, a.full_name, a.email, a.language,
                a.pathway, b.language as consultation_language, b.consultant_id,
                coalesce(s.name, '') as "host_name!", coalesce(s.email, '') as "host_email!",
                c.video_link as host_video_link, c.phone as host_phone
         from booking b join application a using (application_id)
              join consultant c using (consultant_id) left join staff_user s on s.staff_user_id = c.staff_user_id
         where b.application_id = $1
         order by b.created_at desc limit 1"#,
        application_id
    )
    .fetch_optional(pool)
    .await
}

/// Moves an active booking, to consultant `consultant_id`; returns its new invite sequence, `None`
/// when it is no longer active.
pub async fn reschedule(
    conn: &mut PgConnection,
    booking_id: Uuid,
    consultant_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    buffer_minutes: i32,
) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        "update booking
         set starts_at = $2, ends_at = $3, blocks = tstzrange($2::timestamptz, $3::timestamptz + make_interval(mins => $4::int), '[)'),
             consultant_id = $5, ics_sequence = ics_sequence + 1, updated_at = now()
         where booking_id = $1 and status = 'active'
         returning ics_sequence",
        booking_id,
        starts_at,
        ends_at,
        buffer_minutes,
        consultant_id,
    )
    .fetch_optional(conn)
    .await
}

/// Cancels an active booking; returns its new invite sequence, `None` when it was not active.
pub async fn cancel(conn: &mut PgConnection, booking_id: Uuid) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        "update booking set status = 'cancelled', cancelled_at = now(), ics_sequence = ics_sequence + 1,
                updated_at = now()
         where booking_id = $1 and status = 'active'
         returning ics_sequence",
        booking_id
    )
    .fetch_optional(conn)
    .await
}

/// Replaces the manage link's token (the old link stops working).
pub async fn rotate_manage_token(conn: &mut PgConnection, booking_id: Uuid, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query!(
        "update booking set manage_token_hash = $2, updated_at = now() where booking_id = $1",
        booking_id,
        token_hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// True when another application holds an active booking that has not started, under the same
/// email address (compared without case or `+tag`: see `booking::limits::email_key`) or the same
/// phone number.
pub async fn active_future_for_person(
    conn: &mut PgConnection,
    email_key: &str,
    phone: Option<&str>,
    except_application: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (
             select 1 from booking b join application a using (application_id)
             where b.status = 'active' and b.starts_at > now() and a.application_id <> $3
               and (lower(regexp_replace(a.email, '\+[^@]*@', '@')) = $1
                    or ($2::text is not null and a.answers ->> 'phone' = $2))
           ) as "found!""#,
        email_key,
        phone,
        except_application
    )
    .fetch_one(conn)
    .await
}

/// Bookings made since `since` (cancelled ones included).
pub async fn count_created_since(conn: &mut PgConnection, since: DateTime<Utc>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select count(*) as "n!" from booking where created_at > $1"#, since)
        .fetch_one(conn)
        .await
}

/// The application's active booking that has not started, locked for the caller's transaction.
pub async fn active_future_for_update(
    conn: &mut PgConnection,
    application_id: Uuid,
) -> sqlx::Result<Option<BookingRow>> {
    sqlx::query_as!(
        BookingRow,
        r#"select b.booking_id, b.application_id, b.starts_at, b.ends_at, b.consultation_mode, b.time_zone,
                b.status as "status: BookingStatus", b.ics_sequence, a.reference, a.full_name, a.email, a.language,
                a.pathway, b.language as consultation_language, b.consultant_id,
                coalesce(s.name, '') as "host_name!", coalesce(s.email, '') as "host_email!",
                c.video_link as host_video_link, c.phone as host_phone
         from booking b join application a using (application_id)
              join consultant c using (consultant_id) left join staff_user s on s.staff_user_id = c.staff_user_id
         where b.application_id = $1 and b.status = 'active' and b.starts_at > now()
         for update of b"#,
        application_id
    )
    .fetch_optional(conn)
    .await
}

#[derive(Debug, Clone)]
pub struct Upcoming {
    pub application_id: Uuid,
    pub reference: Option<String>,
    pub full_name: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub consultation_mode: String,
}

/// Active consultations from `from`, soonest first.
pub async fn upcoming(pool: &PgPool, from: DateTime<Utc>, limit: i64) -> sqlx::Result<Vec<Upcoming>> {
    sqlx::query_as!(
        Upcoming,
        "select a.application_id, a.reference, a.full_name, b.starts_at, b.consultation_mode
         from booking b join application a using (application_id)
         where b.status = 'active' and b.ends_at > $1
         order by b.starts_at limit $2",
        from,
        limit
    )
    .fetch_all(pool)
    .await
}

/// One booking of an application: when and whether it still holds.
#[derive(Debug, Clone)]
pub struct BookingRecord {
    pub starts_at: DateTime<Utc>,
    pub status: BookingStatus,
}

/// The application's bookings, earliest first.
pub async fn statuses_of(pool: &PgPool, application_id: Uuid) -> sqlx::Result<Vec<BookingRecord>> {
    sqlx::query_as!(
        BookingRecord,
        r#"select starts_at, status as "status: BookingStatus" from booking
           where application_id = $1 order by starts_at, created_at"#,
        application_id
    )
    .fetch_all(pool)
    .await
}

/// One consultation of a consultant, as their list and their calendar feed show it.
#[derive(Debug, Clone)]
pub struct Consultation {
    pub booking_id: Uuid,
    pub application_id: Uuid,
    pub reference: Option<String>,
    pub full_name: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub consultation_mode: String,
    /// The applicant's time zone.
    pub time_zone: String,
    /// The language the consultation is held in.
    pub language: String,
    pub ics_sequence: i32,
}

/// Consultant `consultant_id`'s active consultations ending after `from`, soonest first, at most `limit`.
pub async fn of_consultant(
    pool: &PgPool,
    consultant_id: Uuid,
    from: DateTime<Utc>,
    limit: i64,
) -> sqlx::Result<Vec<Consultation>> {
    sqlx::query_as!(
        Consultation,
        "select b.booking_id, b.application_id, a.reference, a.full_name, b.starts_at, b.ends_at,
                b.consultation_mode, b.time_zone, b.language, b.ics_sequence
         from booking b join application a using (application_id)
         where b.consultant_id = $1 and b.status = 'active' and b.ends_at > $2
         order by b.starts_at limit $3",
        consultant_id,
        from,
        limit
    )
    .fetch_all(pool)
    .await
}
