package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.auth.ShareLinkToken;
import io.verso.protocol.storage.ImagePutRequest;
import io.verso.protocol.storage.ImageRef;
import io.verso.protocol.storage.StoredImage;
import io.verso.runtime.Bus;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code /api/docs/:id/images}: a document's images (docs/protocol.md, "Images"). Upload: editor or
 * better, the body the image itself, its type sniffed from its bytes ({@link ImageTypes}: 415 unless
 * PNG, JPEG, GIF or WebP as declared), its size counted while it arrives ({@link UploadBody}: 413),
 * uploads per user ({@link UploadRate}) and the document's count and bytes (storage, atomically)
 * limited (429); 201 with the image's URL, which an op then carries. Read: any member, with the stored
 * type, nosniff, a CSP that runs nothing, inline, an ETag and private caching revalidated on every use
 * (so a member who lost the document stops getting its images).
 */
public final class ImagesApi {
  static final String CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String IMAGE = "an image";
  /** The share-link token of an image read (share-links.js imageCookie: path-scoped to the document's images). */
  static final String LINK_COOKIE = "verso_link";

  private final EventBus bus;
  private final ImagesConfig limits;
  private final UploadRate rate;

  public ImagesApi(Vertx vertx, ImagesConfig limits) {
    this.bus = vertx.eventBus();
    this.limits = limits;
    this.rate = new UploadRate(limits.uploadsPerMinute(), System::nanoTime, "too many image uploads");
  }

  /** The image URL an op carries for {@code imageId} of {@code docId}. */
  public static String url(String docId, String imageId) {
    return "/api/docs/" + docId + "/images/" + imageId;
  }

  /** The upload route: before any body handler, since it reads (and limits) the body itself. */
  public void mountUpload(Router router, Handler<RoutingContext> authenticated) {
    router.post("/api/docs/:id/images").handler(ctx -> {
      ctx.request().pause(); // until the identity and role are known: then the body is read, counted
      ctx.next();
    }).handler(authenticated).handler(this::upload).failureHandler(ctx -> {
      UploadBody.closeAfterAnswer(ctx);
      ctx.next();
    });
  }

  public void mountRead(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/docs/:id/images/:imageId").handler(authenticated).handler(this::read);
  }

  private void upload(RoutingContext ctx) {
    String docId = Params.docId(ctx);
    String declared = ImageTypes.declared(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    UploadBody.checkDeclaredLength(ctx.request(), limits.maxBytes(), IMAGE);
    Identity who = Requests.identity(ctx);
    rate.take(who.userId());
    role(ctx, docId)
        .compose(role -> {
          if (!role.atLeast(Role.EDITOR)) {
            throw ErrorCode.FORBIDDEN.exception("only editors and owners add images");
          }
          return UploadBody.read(ctx.request(), limits.maxBytes(), IMAGE);
        })
        .compose(body -> {
          byte[] bytes = body.getBytes();
          return store(docId, who, ImageTypes.check(declared, bytes), bytes);
        })
        .onSuccess(stored -> {
          String url = url(docId, stored.getString("imageId"));
          ctx.response().putHeader(HttpHeaders.LOCATION, url);
          Requests.json(ctx, 201, new JsonObject().put("url", url).put("imageId", stored.getString("imageId")));
        })
        .onFailure(ctx::fail);
  }

  /** Storage keeps the image within the document's limits (429 beyond them: storage checks them atomically). */
  private Future<JsonObject> store(String docId, Identity who, String type, byte[] bytes) {
    ImagePutRequest put = new ImagePutRequest(docId, newImageId(), who.userId(), type, bytes,
        limits.maxPerDocument(), limits.maxBytesPerDocument());
    return Bus.request(bus, Addresses.STORAGE_IMAGE_PUT, put.toJson());
  }

  private void read(RoutingContext ctx) {
    String docId = Params.docId(ctx);
    String imageId = ctx.pathParam("imageId");
    if (!ImageRef.isImageId(imageId)) {
      throw ErrorCode.NOT_FOUND.exception("no such image");
    }
    if (Requests.link(ctx) == null && ctx.request().getCookie(LINK_COOKIE) != null) {
      // an <img> carries no header of ours: the page scopes its link to this document's images in a cookie
      ctx.put(Requests.LINK, ShareLinkToken.of(ctx.request().getCookie(LINK_COOKIE).getValue()));
    }
    role(ctx, docId)
        .compose(role -> Bus.request(bus, Addresses.STORAGE_IMAGE_GET, new ImageRef(docId, imageId).toJson()))
        .map(StoredImage::fromJson)
        .onSuccess(image -> send(ctx, image))
        .onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, StoredImage image) {
    String etag = "\"" + image.etag() + "\"";
    ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache")
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("Cross-Origin-Resource-Policy", "same-origin")
        .putHeader("Content-Disposition", "inline");
    String match = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (match != null && (match.contains(etag) || match.trim().equals("*"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, image.contentType())
        .end(Buffer.buffer(image.bytes()));
  }

  /** The user's role on the document (a share link's token counted): the documents service answers NOT_FOUND to a non-member. */
  private Future<Role> role(RoutingContext ctx, String docId) {
    return Requests.requestAbout(ctx, bus, Addresses.DOCS_GET, new JsonObject().put("docId", docId))
        .map(doc -> {
          Role role = Role.ofWireOrNone(doc.getString("role"));
          if (role == null) {
            throw ErrorCode.NOT_FOUND.exception();
          }
          return role;
        });
  }

  private static String newImageId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }
}
