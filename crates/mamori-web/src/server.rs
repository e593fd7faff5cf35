//! Assembling the application: routes, the middleware stack, and a server that binds, serves and
//! shuts down gracefully.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use mamori_storage::{Secret, Store, StoreError};
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnRequest, DefaultOnResponse, TraceLayer};

use mamori_http::{AppError, AppState, Config, body_limit, csrf, home_cache};

use crate::errors::render_errors;

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Request ids: a per-process random prefix and a counter, cheap and unique enough for logs.
#[derive(Clone)]
struct NextRequestId {
    prefix: Arc<str>,
    counter: Arc<AtomicU64>,
}

impl MakeRequestId for NextRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let (api_routes, openapi) = mamori_api::router().split_for_parts();
    let openapi = Arc::new(mamori_api::document(openapi));
    let security_headers = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    ];
    let ids = NextRequestId {
        prefix: Secret::generate().expose()[..8].into(),
        counter: Arc::new(AtomicU64::new(1)),
    };
    let mut app = Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json")],
                        doc.as_str().to_owned(),
                    )
                }
            }),
        )
        .merge(api_routes)
        .merge(mamori_pages::router())
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            home_cache::forget_after_writes,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), csrf::protect))
        // Each route's limit is applied by `body_limit::limit`, which wraps every body.
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn(body_limit::limit));
    for (name, value) in security_headers {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app.layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(render_errors))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .layer(
            TraceLayer::new_for_http()
                // One line per request at info (status and latency), inside a span with its id.
                .on_request(DefaultOnRequest::new().level(tracing::Level::DEBUG))
                // In microseconds: most requests take well under a millisecond, which the
                // default unit would log as "0 ms".
                .on_response(
                    DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(LatencyUnit::Micros),
                )
                .make_span_with(|request: &Request<_>| {
            let id = request
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), ids))
        .with_state(state)
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => axum::Json(serde_json::json!({
            "status": "ok",
            "database": state.store().backend().name(),
            "version": env!("CARGO_PKG_VERSION"),
        }))
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "unavailable"})),
            )
                .into_response()
        }
    }
}

/// A bound, ready server.
pub struct Server {
    listener: tokio::net::TcpListener,
    state: AppState,
    setup_token: Option<Secret>,
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot open the database: {0}")]
    Database(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

impl Server {
    /// Opens (and migrates) the database and binds the address (port 0 picks a free one).
    pub async fn bind(config: Config) -> Result<Server, ServerError> {
        let store = Store::open(&config.database_url).await?;
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| ServerError::Listen {
                addr: config.listen,
                source,
            })?;
        let state = AppState::new(store, config);
        let setup_token = state.prepare_setup().await?;
        Ok(Server {
            listener,
            state,
            setup_token,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound listener")
    }

    /// The base URL users open.
    pub fn url(&self) -> String {
        match &self.state.config.public_url {
            Some(u) => u.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.local_addr()),
        }
    }

    /// The one-time link that creates the first administrator, while nobody exists.
    pub fn setup_url(&self) -> Option<String> {
        self.setup_token
            .as_ref()
            .map(|t| format!("{}/setup?token={}", self.url(), t.expose()))
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight and closes the
    /// database.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        let state = self.state.clone();
        let housekeeping = tokio::spawn({
            let state = state.clone();
            async move {
                let mut tick = tokio::time::interval(Duration::from_secs(3600));
                loop {
                    tick.tick().await;
                    if let Err(e) = state.store().purge_expired().await {
                        tracing::warn!(error = %e, "could not purge expired sessions");
                    }
                }
            }
        });
        // The daily e-mail of due dates, when an SMTP server is configured.
        let base = self.url();
        let digest =
            state.config.mail.clone().map(|mail| {
                tokio::spawn(crate::digest::schedule(state.store().clone(), mail, base))
            });
        let app = router(state.clone());
        let served = axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        housekeeping.abort();
        if let Some(d) = digest {
            d.abort();
        }
        state.store().close().await;
        served.map_err(ServerError::Serve)
    }
}
