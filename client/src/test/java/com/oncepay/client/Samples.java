package com.oncepay.client;

/** Answers shaped exactly as the server writes them (OrderView, PaymentView, RefundView). */
final class Samples {

  static final String ORDER_ID = "ord_6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e";
  static final String PAYMENT_ID = "pay_0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";

  /** {@code POST /v1/orders}: an order without payments. */
  static final String ORDER =
      """
      {"id":"ord_6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e","object":"order","cart_id":"cart-42",\
      "amount":1050,"currency":"EUR","status":"pending_payment","customer_email":null,\
      "metadata":null,"version":0,"created_at":"2026-03-01T10:15:30.123456Z",\
      "updated_at":"2026-03-01T10:15:30.123456Z"}""";

  static final String PAYMENT =
      """
      {"id":"pay_0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d","object":"payment",\
      "order_id":"ord_6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e","status":"authorized","amount":1050,\
      "currency":"EUR","amount_authorized":1050,"amount_captured":0,"amount_refunded":0,\
      "amount_refund_pending":0,"payment_method":"pm_ok","capture_method":"manual",\
      "decline_code":null,"pending_operation":null,"gateway_charge_id":"ch_000017",\
      "version":2,"created_at":"2026-03-01T10:15:31.2Z","updated_at":"2026-03-01T10:15:31.9Z"}""";

  /** {@code GET /v1/orders/{id}}: the order's fields, then its payments. */
  static final String ORDER_WITH_PAYMENTS =
      """
      {"id":"ord_6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e","object":"order","cart_id":"cart-42",\
      "amount":1050,"currency":"EUR","status":"paid","customer_email":"ada@example.com",\
      "metadata":{"shop_order":"A-1001","channel":"web"},"version":3,\
      "created_at":"2026-03-01T10:15:30.123456Z","updated_at":"2026-03-01T10:15:32+01:00",\
      "payments":[{"id":"pay_0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d","object":"payment",\
      "order_id":"ord_6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e","status":"partially_refunded",\
      "amount":1050,"currency":"EUR","amount_authorized":1050,"amount_captured":1050,\
      "amount_refunded":300,"amount_refund_pending":200,"payment_method":"pm_ok",\
      "capture_method":"automatic","decline_code":null,"pending_operation":"op_5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",\
      "gateway_charge_id":"ch_000017","version":5,"created_at":"2026-03-01T10:15:31.2Z",\
      "updated_at":"2026-03-01T10:15:40Z"}]}""";

  static final String REFUND =
      """
      {"id":"re_5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a","object":"refund",\
      "payment_id":"pay_0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d","amount":300,"currency":"EUR",\
      "status":"succeeded","failure_code":null,"created_at":"2026-03-01T10:16:00Z"}""";

  static final String REFUND_LIST =
      """
      {"object":"list","data":[%s,{"id":"re_7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928",\
      "object":"refund","payment_id":"pay_0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d","amount":200,\
      "currency":"EUR","status":"pending","failure_code":null,"created_at":"2026-03-01T10:16:05Z"}]}"""
          .formatted(REFUND);

  private Samples() {}
}
