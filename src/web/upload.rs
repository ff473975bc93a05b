//! Forms that carry a file (`multipart/form-data`, on the paths of `form_guard::UPLOAD_PATHS`). The
//! form guard reads the whole body (up to `form_guard::MAX_UPLOAD_BYTES`), checks the CSRF token and
//! the honeypot among its text fields like any form's, and hands the form to the handler through the
//! request: a handler takes `Option<UploadedForm>` (`None` when the POST was not such a form).

use std::future::{Ready, ready};

use actix_multipart::Multipart;
use actix_web::{
    FromRequest, HttpMessage as _, HttpRequest, dev::Payload, error::PayloadError, http::header::HeaderMap, web::Bytes,
};
use futures_util::StreamExt as _;

use crate::error::AppError;

/// The largest text field of an upload form, in bytes (a token, a honeypot).
const MAX_TEXT_FIELD_BYTES: usize = 16 * 1024;
/// More fields than a form of ours has is not one of our forms.
const MAX_FIELDS: usize = 20;

/// A file of an upload form.
#[derive(Debug, Clone)]
pub struct UploadedFile {
    /// The name the browser gave, without any folder, cleaned of control characters; may be empty.
    pub file_name: String,
    pub bytes: Bytes,
}

/// A `multipart/form-data` form, read whole.
#[derive(Debug, Clone, Default)]
pub struct UploadedForm {
    texts: Vec<(String, String)>,
    files: Vec<(String, UploadedFile)>,
}

impl UploadedForm {
    /// The first text field named `name`.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every value of the text fields named `name`.
    pub fn texts<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.texts
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first file posted as `name`.
    pub fn file(&self, name: &str) -> Option<&UploadedFile> {
        self.files.iter().find(|(n, _)| n == name).map(|(_, f)| f)
    }
}

/// The body is not a `multipart/form-data` form we can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnUploadForm;

/// Reads a buffered `multipart/form-data` body: text fields (UTF-8) and files.
pub async fn read(headers: &HeaderMap, body: Bytes) -> Result<UploadedForm, NotAnUploadForm> {
    let stream = futures_util::stream::once(async move { Ok::<_, PayloadError>(body) });
    let mut multipart = Multipart::new(headers, stream);
    let mut form = UploadedForm::default();
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(|_| NotAnUploadForm)?;
        if form.texts.len() + form.files.len() >= MAX_FIELDS {
            return Err(NotAnUploadForm);
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(base_name);
        // The body is already bounded by the guard; a file may take all of it.
        let limit = if file_name.is_some() {
            usize::MAX
        } else {
            MAX_TEXT_FIELD_BYTES
        };
        let bytes = field
            .bytes(limit)
            .await
            .map_err(|_| NotAnUploadForm)?
            .map_err(|_| NotAnUploadForm)?;
        match file_name {
            Some(file_name) => form.files.push((name, UploadedFile { file_name, bytes })),
            None => {
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| NotAnUploadForm)?;
                form.texts.push((name, text));
            }
        }
    }
    Ok(form)
}

/// `C:\Users\me\wages.csv` → `wages.csv`, control characters dropped, at most 200 characters.
fn base_name(raw: &str) -> String {
    let name = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    crate::web::forms::clean_text(name, false).chars().take(200).collect()
}

impl FromRequest for UploadedForm {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    /// The form the guard read; an error (so `None` as an `Option`) for any other POST.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions_mut()
                .remove::<UploadedForm>()
                .ok_or(AppError::BadRequest),
        )
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{CONTENT_TYPE, HeaderValue};

    use super::*;

    fn headers() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("multipart/form-data; boundary=XyZ"),
        );
        headers
    }

    #[actix_web::test]
    async fn fields_and_a_file() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\tmp\\\\w.csv\"\r\n\
                    Content-Type: text/csv\r\n\r\na,b\r\n1,2\r\n--XyZ--\r\n";
        let form = read(&headers(), Bytes::from(body)).await.unwrap();
        assert_eq!(form.text("csrf_token"), Some("abc"));
        let file = form.file("file").unwrap();
        assert_eq!(&file.bytes[..], b"a,b\r\n1,2");
        assert!(file.file_name.ends_with("w.csv"), "{}", file.file_name);
        assert!(!file.file_name.contains('\\'));
    }

    #[actix_web::test]
    async fn garbage_is_refused() {
        assert_eq!(
            read(&headers(), Bytes::from_static(b"not multipart at all"))
                .await
                .unwrap_err(),
            NotAnUploadForm
        );
        assert_eq!(
            read(&HeaderMap::new(), Bytes::from_static(b"--XyZ--\r\n"))
                .await
                .unwrap_err(),
            NotAnUploadForm
        );
    }
}
