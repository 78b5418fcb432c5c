package io.verso.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's assets as the jar serves them: brotli to a browser that takes it, gzip to one that takes
 * only gzip (the same bytes once inflated), the plain file otherwise or when refused with q=0; always
 * with {@code Vary: Accept-Encoding} and the immutable caching of hashed names.
 */
class PrecompressedAssetsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Vertx vertx;
  private static int port;
  private static String js;

  @BeforeAll
  static void serve() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    StaticAssets.mount(vertx, router);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    port = server.actualPort();
    Matcher m = Pattern.compile("src=\"/assets/(app-[A-Za-z0-9]+\\.js)\"")
        .matcher(Files.readString(Path.of("target", "classes", "webroot", "index.html")));
    assertThat(m.find()).isTrue();
    js = m.group(1);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void eachBrowserGetsTheEncodingItTakes() throws Exception {
    byte[] plain = Files.readAllBytes(Path.of("target", "classes", "webroot", "assets", js));

    HttpResponse<byte[]> br = get("/assets/" + js, "gzip, deflate, br, zstd");
    assertThat(br.statusCode()).isEqualTo(200);
    assertThat(br.headers().firstValue("Content-Encoding")).hasValue("br");
    assertThat(br.body().length).isLessThan(plain.length / 3);
    assertThat(br.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    assertThat(br.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(br.headers().firstValue("Vary")).hasValue("Accept-Encoding");

    HttpResponse<byte[]> gz = get("/assets/" + js, "gzip");
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }

    for (String none : new String[] {null, "identity", "br;q=0, gzip;q=0"}) {
      HttpResponse<byte[]> raw = get("/assets/" + js, none);
      assertThat(raw.headers().firstValue("Content-Encoding")).as(none).isEmpty();
      assertThat(raw.body()).as(none).isEqualTo(plain);
      assertThat(raw.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    }
    assertThat(get("/assets/app-NOSUCHFILE.js", "br").statusCode()).isEqualTo(404);
    assertThat(get("/assets/app-NOSUCHFILE.js", "br").headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void acceptEncodingIsReadWithItsWeights() {
    assertThat(PrecompressedAssets.accepts("gzip, deflate, br", "br")).isTrue();
    assertThat(PrecompressedAssets.accepts("br;q=0, gzip", "br")).isFalse();
    assertThat(PrecompressedAssets.accepts("*", "gzip")).isTrue();
    assertThat(PrecompressedAssets.accepts("*;q=0", "gzip")).isFalse();
    assertThat(PrecompressedAssets.accepts("gzip;q=0, *", "gzip")).isFalse();
    assertThat(PrecompressedAssets.accepts("identity", "gzip")).isFalse();
    assertThat(PrecompressedAssets.accepts("GZIP;q=0.5", "gzip")).isTrue();
  }
}
