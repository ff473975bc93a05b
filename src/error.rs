//! One error type for handlers. Its response has no body: `web::errors` renders a localized page
//! that never shows internals, and the cause is logged without personal data.

use actix_web::{HttpResponse, ResponseError, http::StatusCode};

#[derive(thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("bad request")]
    BadRequest,
    #[error("database error")]
    Db(#[from] sqlx::Error),
    #[error("template error")]
    Render(#[from] askama::Error),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl std::fmt::Debug for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Database errors can quote the values of a failing row in their detail: log only the
            // code, constraint and message, never the detail.
            AppError::Db(sqlx::Error::Database(db)) => write!(
                f,
                "database error: code={} constraint={} message={}",
                db.code().unwrap_or_default(),
                db.constraint().unwrap_or_default(),
                db.message()
            ),
            AppError::Db(e) => write!(f, "database error: {e}"),
            AppError::Render(e) => write!(f, "template error: {e}"),
            AppError::Unexpected(e) => write!(f, "{e:#}"),
            other => write!(f, "{other}"),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            // The database is away (restarting, overloaded): a "try again" answer, not a fault of ours.
            AppError::Db(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            AppError::Db(_) | AppError::Render(_) | AppError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if self.status_code().is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = HttpResponse::new(self.status_code());
        if self.status_code() == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from_static("30"),
            );
        }
        response
    }
}
