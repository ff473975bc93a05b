//! Withdrawing a request: a confirmation, then the erasure.

use actix_session::Session;

use super::{MessagePage, signed_in};
use actix_web::{HttpResponse, http::StatusCode};
use uuid::Uuid;

use crate::{
    context::App,
    erasure,
    error::AppError,
    web::{html, page::PageCtx, see_other, session::TypedSession},
};

pub async fn confirm_withdraw(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    if signed_in(&app, &session).await?.is_none() {
        return Ok(see_other(&ctx.url("/status")));
    }
    let action = ctx.url("/status/withdraw");
    html(
        StatusCode::OK,
        &MessagePage {
            ctx,
            title: "status-withdraw-title",
            body: "status-withdraw-body",
            action,
            button: "status-withdraw-button",
            ask_again: false,
        },
    )
}

/// Withdraws the request: erases it as staff erasure does (a consultation ahead is cancelled and
/// the applicant's calendar told), audited as the applicant's own doing.
pub async fn withdraw(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(row) = signed_in(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/status")));
    };
    let id: Uuid = row.application_id;
    let mut tx = app.pool.begin().await?;
    if erasure::erase_application(&mut tx, &app.settings, id).await? {
        erasure::audit_erasure(
            &mut tx,
            id,
            serde_json::json!({ "reason": "withdrawn by the applicant" }),
        )
        .await?;
        tx.commit().await?;
        erasure::logged(id);
    } else {
        tx.rollback().await?;
    }
    let typed = TypedSession(&session);
    typed.forget_status_application();
    typed.forget_draft();
    Ok(see_other(&ctx.url("/status/withdrawn")))
}

pub async fn withdrawn(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    html(
        StatusCode::OK,
        &MessagePage {
            ctx,
            title: "status-withdrawn-title",
            body: "status-withdrawn-body",
            action: String::new(),
            button: "",
            ask_again: false,
        },
    )
}
