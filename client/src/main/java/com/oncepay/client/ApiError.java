package com.oncepay.client;

/**
 * The {@code error} object of an error answer. {@code code} is stable (the server never changes a
 * released code): branch on it, never on {@code message}.
 *
 * @param type such as {@code invalid_request_error}, {@code card_error}, {@code idempotency_error}
 * @param code such as {@code card_declined}, {@code order_already_paid}
 * @param param the request field at fault, or null
 */
public record ApiError(String type, String code, String message, String param) {}
