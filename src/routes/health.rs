//! `/healthz`: the process answers. `/readyz`: the database answers and every migration is applied.

use actix_web::HttpResponse;

use crate::{context::App, db};

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ok")
}

pub async fn readyz(app: App) -> HttpResponse {
    let answer = tokio::time::timeout(std::time::Duration::from_secs(3), db::health::ready(&app.pool)).await;
    let (ready, body) = match answer {
        Ok(Ok(true)) => (true, "ready"),
        Ok(Ok(false)) => (false, "migrations pending"),
        Ok(Err(_)) | Err(_) => (false, "database unavailable"),
    };
    let mut response = if ready {
        HttpResponse::Ok()
    } else {
        HttpResponse::ServiceUnavailable()
    };
    response
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}
