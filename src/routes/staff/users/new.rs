//! Adding a member.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use secrecy::SecretString;
use serde::Deserialize;

use super::{about_member, refusal_key, role_options};
use crate::{
    accounts::{self, By, Field, NewAccount},
    auth::{CurrentStaff, Role},
    context::App,
    error::AppError,
    web::{forms::FormErrors, html, page::PageCtx, see_other},
};

#[derive(Template)]
#[template(path = "staff/user_new.html")]
pub struct NewPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub email: String,
    /// `name` would be taken by the form macros' own parameter.
    pub member_name: String,
    pub role: String,
    pub roles: Vec<(String, String)>,
    pub errors: FormErrors,
}

impl NewPage {
    fn new(
        ctx: PageCtx,
        staff: CurrentStaff,
        email: String,
        member_name: String,
        role: String,
        errors: FormErrors,
    ) -> NewPage {
        NewPage {
            roles: role_options(&ctx),
            ctx,
            staff: Some(staff),
            email,
            member_name,
            role,
            errors,
        }
    }
}

/// The form as posted. No `Debug`: it holds a password.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NewMemberInput {
    pub email: String,
    pub name: String,
    pub role: String,
    pub password: String,
}

impl NewMemberInput {
    /// The account to make, or every problem against its field.
    pub fn parse(self) -> Result<NewAccount, FormErrors> {
        let password = SecretString::from(self.password);
        NewAccount::parse(&self.email, &self.name, &self.role, password).map_err(|problems| {
            let mut errors = FormErrors::default();
            for (field, invalid) in problems {
                let field = match field {
                    Field::Email => "email",
                    Field::Name => "name",
                    Field::Role => "role",
                    Field::Password => "password",
                };
                errors.add(field, about_member(invalid).0);
            }
            errors
        })
    }
}

pub async fn show(ctx: PageCtx, staff: CurrentStaff) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let role = Role::Staff.as_str().to_owned();
    let page = NewPage::new(ctx, staff, String::new(), String::new(), role, FormErrors::default());
    html(StatusCode::OK, &page)
}

pub async fn submit(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<NewMemberInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    // Echoed on failure: everything but the password.
    let (email, name, role) = (
        input.email.trim().to_owned(),
        input.name.trim().to_owned(),
        input.role.clone(),
    );
    let rerender = |ctx: PageCtx, staff: CurrentStaff, errors: FormErrors| {
        let page = NewPage::new(ctx, staff, email.clone(), name.clone(), role.clone(), errors);
        html(StatusCode::UNPROCESSABLE_ENTITY, &page)
    };
    let account = match input.parse() {
        Ok(account) => account,
        Err(errors) => return rerender(ctx, staff, errors),
    };
    let masked = account.email.masked();
    match accounts::create(&app.pool, By::admin(&staff), account).await? {
        Ok(created) => {
            tracing::info!(staff_user_id = %created.id, email = %masked, "staff account created");
            Ok(see_other("/staff/users"))
        }
        // Only an email already used is refused here.
        Err(refusal) => {
            let mut errors = FormErrors::default();
            errors.add("email", refusal_key(refusal)?);
            rerender(ctx, staff, errors)
        }
    }
}
