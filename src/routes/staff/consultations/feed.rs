//! A consultant's private calendar feed: creating (or replacing) its address, shown once, and
//! turning it off after a confirmation. Only the token's hash is kept; both changes are audited.
//! The feed is served by `routes::calendar`.

use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;
use serde_json::json;

use crate::{
    auth::CurrentStaff,
    context::{App, AppContext},
    db::{self, consultants::Consultant},
    error::AppError,
    links,
    web::{
        html,
        page::PageCtx,
        see_other,
        session::{random_token, token_hash},
    },
};

const LIST: &str = "/staff/consultations";

#[derive(Template)]
#[template(path = "staff/feed_created.html")]
pub struct CreatedPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    /// The feed's address, with its token: shown this once.
    pub url: String,
    /// An earlier address was replaced (it stops working).
    pub replaced: bool,
}

#[derive(Template)]
#[template(path = "staff/feed_revoke.html")]
pub struct RevokePage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
}

/// The signed-in staff member's consultant record; only consultants have a feed.
async fn consultant(app: &AppContext, staff: &CurrentStaff) -> Result<Consultant, AppError> {
    db::consultants::of_staff(&app.pool, staff.id)
        .await?
        .ok_or(AppError::Forbidden)
}

/// A new feed address for the signed-in consultant (the one they had stops working), shown once.
pub async fn create(ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    let me = consultant(&app, &staff).await?;
    let token = random_token();
    let mut tx = app.pool.begin().await?;
    let replaced = db::consultants::has_feed(&mut *tx, me.consultant_id).await?;
    db::consultants::set_feed_token(&mut tx, me.consultant_id, Some(&token_hash(&token))).await?;
    super::super::audit(
        &mut tx,
        &staff,
        "consultant.feed_create",
        "consultant",
        Some(me.consultant_id),
        (Some(json!({ "feed": replaced })), Some(json!({ "feed": true }))),
    )
    .await?;
    tx.commit().await?;
    let page = CreatedPage {
        url: links::calendar_feed(&app.settings, &token),
        replaced,
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}

/// "Turn off your calendar feed?"
pub async fn confirm_revoke(ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    let me = consultant(&app, &staff).await?;
    if !db::consultants::has_feed(&app.pool, me.consultant_id).await? {
        return Ok(see_other(LIST));
    }
    html(
        StatusCode::OK,
        &RevokePage {
            ctx,
            staff: Some(staff),
        },
    )
}

/// Turns the signed-in consultant's feed off: its address answers 404 from now on.
pub async fn revoke(staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    let me = consultant(&app, &staff).await?;
    let mut tx = app.pool.begin().await?;
    if !db::consultants::has_feed(&mut *tx, me.consultant_id).await? {
        return Ok(see_other(LIST));
    }
    db::consultants::set_feed_token(&mut tx, me.consultant_id, None).await?;
    super::super::audit(
        &mut tx,
        &staff,
        "consultant.feed_revoke",
        "consultant",
        Some(me.consultant_id),
        (Some(json!({ "feed": true })), Some(json!({ "feed": false }))),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("{LIST}?done=feed-revoked")))
}
