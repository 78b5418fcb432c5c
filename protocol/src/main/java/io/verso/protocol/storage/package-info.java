/**
 * Message records of the storage-service event-bus API ({@code io.verso.protocol.Addresses.STORAGE_*}).
 * Each record converts with {@code toJson()}/{@code fromJson(JsonObject)}; {@code fromJson} validates
 * every field and throws a BAD_REQUEST {@link io.verso.protocol.VersoException} on hostile input.
 */
package io.verso.protocol.storage;
