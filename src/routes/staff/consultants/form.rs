//! The consultants' forms, read from the posted body (checkboxes repeat their field), then parsed
//! (every error at once).

use uuid::Uuid;

use crate::{
    consultants::{self, Consultancy, LANGUAGES, PATHWAYS},
    db::consultants::Profile,
    web::forms::FormErrors,
};

/// The pairs of a posted body, the CSRF token and honeypot aside.
fn pairs(body: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(body).map(|(name, value)| (name.into_owned(), value.into_owned()))
}

/// The codes ticked in `field`, checked against `allowed`: at least one, each known.
fn codes(
    errs: &mut FormErrors,
    field: &'static str,
    ticked: &[String],
    allowed: &[&str],
    key: &'static str,
) -> Option<Vec<String>> {
    match consultants::choose(ticked, allowed) {
        Ok(codes) if !codes.is_empty() => Some(codes),
        _ => {
            errs.add(field, key);
            None
        }
    }
}

/// A consultant's profile form.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub languages: Vec<String>,
    pub pathways: Vec<String>,
    pub daily_cap: String,
    pub video_link: String,
    pub phone: String,
    pub regulator: String,
    pub licence_number: String,
    /// The box "takes consultations" is ticked.
    pub active: bool,
}

impl ProfileInput {
    pub fn read(body: &[u8]) -> ProfileInput {
        let mut input = ProfileInput::default();
        for (name, value) in pairs(body) {
            match name.as_str() {
                "languages" => input.languages.push(value),
                "pathways" => input.pathways.push(value),
                "daily_cap" => input.daily_cap = value,
                "video_link" => input.video_link = value,
                "phone" => input.phone = value,
                "regulator" => input.regulator = value,
                "licence_number" => input.licence_number = value,
                "active" => input.active = value == "yes",
                _ => {}
            }
        }
        input
    }

    pub fn from_profile(profile: &Profile) -> ProfileInput {
        ProfileInput {
            languages: profile.languages.clone(),
            pathways: profile.pathways.clone(),
            daily_cap: profile.daily_cap.to_string(),
            video_link: profile.video_link.clone(),
            phone: profile.phone.clone(),
            regulator: profile.regulator.clone(),
            licence_number: profile.licence_number.clone(),
            active: profile.active,
        }
    }

    pub fn parse(&self) -> Result<Profile, FormErrors> {
        let mut errs = FormErrors::default();
        let languages = codes(
            &mut errs,
            "languages",
            &self.languages,
            &LANGUAGES,
            "err-consultant-languages",
        );
        let pathways = codes(
            &mut errs,
            "pathways",
            &self.pathways,
            &PATHWAYS,
            "err-consultant-pathways",
        );
        let daily_cap = self
            .daily_cap
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=100).contains(n));
        if daily_cap.is_none() {
            errs.add("daily_cap", "err-daily-cap");
        }
        let video_link = errs.check("video_link", consultants::video_link(&self.video_link));
        let phone = errs.check("phone", consultants::phone(&self.phone));
        let regulator = errs.check(
            "regulator",
            consultants::one_line(
                &self.regulator,
                consultants::MAX_REGULATOR_CHARS,
                "err-consultant-regulator",
            ),
        );
        let licence_number = errs.check(
            "licence_number",
            consultants::one_line(
                &self.licence_number,
                consultants::MAX_LICENCE_CHARS,
                "err-consultant-licence",
            ),
        );
        match (
            languages,
            pathways,
            daily_cap,
            video_link,
            phone,
            regulator,
            licence_number,
        ) {
            (
                Some(languages),
                Some(pathways),
                Some(daily_cap),
                Some(video_link),
                Some(phone),
                Some(regulator),
                Some(licence_number),
            ) if errs.is_empty() => Ok(Profile {
                languages,
                pathways,
                daily_cap,
                video_link,
                phone,
                regulator,
                licence_number,
                active: self.active,
            }),
            _ => Err(errs),
        }
    }
}

/// The choice of a member of staff (to make a consultant, or to link), with what they take.
#[derive(Debug, Clone, Default)]
pub struct MemberInput {
    pub staff_user_id: String,
    pub languages: Vec<String>,
    pub pathways: Vec<String>,
}

impl MemberInput {
    pub fn read(body: &[u8]) -> MemberInput {
        let mut input = MemberInput::default();
        for (name, value) in pairs(body) {
            match name.as_str() {
                "staff_user_id" => input.staff_user_id = value,
                "languages" => input.languages.push(value),
                "pathways" => input.pathways.push(value),
                _ => {}
            }
        }
        input
    }

    /// The member chosen.
    pub fn member(&self, errs: &mut FormErrors) -> Option<Uuid> {
        let id = Uuid::parse_str(self.staff_user_id.trim()).ok();
        if id.is_none() {
            errs.add("staff_user_id", "err-consultant-member");
        }
        id
    }

    /// The member chosen and what they are to take.
    pub fn parse(&self) -> Result<(Uuid, Consultancy), FormErrors> {
        let mut errs = FormErrors::default();
        let member = self.member(&mut errs);
        let languages = codes(
            &mut errs,
            "languages",
            &self.languages,
            &LANGUAGES,
            "err-consultant-languages",
        );
        let pathways = codes(
            &mut errs,
            "pathways",
            &self.pathways,
            &PATHWAYS,
            "err-consultant-pathways",
        );
        match (member, languages, pathways) {
            (Some(member), Some(languages), Some(pathways)) => Ok((member, Consultancy { languages, pathways })),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_read_with_its_repeated_boxes_and_checked_whole() {
        let body = b"csrf_token=t&languages=fr&languages=en&pathways=gts&daily_cap=+5&video_link=https%3A%2F%2Fmeet.example.com%2Fx&phone=416+555+0100&active=yes";
        let profile = ProfileInput::read(body).parse().unwrap();
        assert_eq!(profile.languages, ["en", "fr"]);
        assert_eq!(profile.pathways, ["gts"]);
        assert_eq!((profile.daily_cap, profile.active), (5, true));
        assert_eq!(profile.phone, "+14165550100");
        let errors = ProfileInput::read(b"languages=de&daily_cap=0&video_link=http%3A%2F%2Fx.example&phone=abc")
            .parse()
            .unwrap_err();
        let fields: Vec<&str> = errors.summary().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["languages", "pathways", "daily_cap", "video_link", "phone"]);
        assert!(
            !ProfileInput::read(b"languages=en&pathways=ict&daily_cap=3")
                .parse()
                .unwrap()
                .active
        );
    }

    #[test]
    fn a_member_is_chosen_with_what_they_take() {
        let id = Uuid::now_v7();
        let body = format!("staff_user_id={id}&languages=es&pathways=cusma&pathways=ict");
        let (member, what) = MemberInput::read(body.as_bytes()).parse().unwrap();
        assert_eq!((member, what.languages.as_slice()), (id, ["es".to_owned()].as_slice()));
        assert_eq!(what.pathways, ["cusma", "ict"]);
        let errors = MemberInput::read(b"staff_user_id=nobody").parse().unwrap_err();
        assert_eq!(errors.summary().len(), 3);
    }
}
