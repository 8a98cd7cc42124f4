;; A small contract for the executor's tests. Every account runs the same code; the
;; accounts it calls are fixed: a.near, b.near and caller.near.
(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "panic_utf8" (func $panic_utf8 (param i64 i64)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "block_index" (func $block_index (result i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "promise_create"
    (func $promise_create (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_then"
    (func $promise_then (param i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_and" (func $promise_and (param i64 i64) (result i64)))
  (import "env" "promise_batch_create" (func $batch_create (param i64 i64) (result i64)))
  (import "env" "promise_batch_action_function_call_weight"
    (func $call_weight (param i64 i64 i64 i64 i64 i64 i64 i64)))
  (import "env" "promise_results_count" (func $results_count (result i64)))
  (import "env" "promise_result" (func $promise_result (param i64 i64) (result i64)))
  (import "env" "promise_return" (func $promise_return (param i64)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 0) "a.near")       ;; 6 bytes
  (data (i32.const 16) "b.near")      ;; 6 bytes
  (data (i32.const 32) "caller.near") ;; 11 bytes
  (data (i32.const 64) "echo")
  (data (i32.const 72) "fail")
  (data (i32.const 80) "collect")     ;; 7 bytes
  (data (i32.const 96) "forward")     ;; 7 bytes
  ;; 112: a zero deposit (u128); 128: a deposit of 5 yoctoNEAR
  (data (i32.const 128) "\05")
  (data (i32.const 144) "boom")
  (data (i32.const 160) "hello")
  (data (i32.const 200) "AB")
  (data (i32.const 208) "fwd")
  (data (i32.const 220) "k")

  (func $return_input
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 1024))
    (call $value_return (call $register_len (i64.const 0)) (i64.const 1024)))

  (func (export "echo") (call $return_input))

  (func (export "log_echo")
    (call $log_utf8 (i64.const 5) (i64.const 160))
    (call $return_input))

  (func $fail (export "fail") (call $panic_utf8 (i64.const 4) (i64.const 144)))

  (func (export "height")
    (i64.store (i32.const 1024) (call $block_index))
    (call $value_return (i64.const 8) (i64.const 1024)))

  ;; a.echo("A") and b.fail("B"), joined, then caller.collect; returns the callback.
  (func (export "join")
    (i64.store (i32.const 256) (call $promise_create
      (i64.const 6) (i64.const 0) (i64.const 4) (i64.const 64)
      (i64.const 1) (i64.const 200) (i64.const 112) (i64.const 20000000000000)))
    (i64.store (i32.const 264) (call $promise_create
      (i64.const 6) (i64.const 16) (i64.const 4) (i64.const 72)
      (i64.const 1) (i64.const 201) (i64.const 112) (i64.const 20000000000000)))
    (call $promise_return (call $promise_then
      (call $promise_and (i64.const 256) (i64.const 2))
      (i64.const 11) (i64.const 32) (i64.const 7) (i64.const 80)
      (i64.const 0) (i64.const 0) (i64.const 112) (i64.const 20000000000000))))

  ;; Writes 'S' and the bytes of each successful result, 'F' for each failed one.
  (func (export "collect")
    (local $i i64) (local $ptr i64)
    (local.set $ptr (i64.const 1024))
    (block $done
      (loop $next
        (br_if $done (i64.ge_u (local.get $i) (call $results_count)))
        (if (i64.eq (call $promise_result (local.get $i) (i64.const 0)) (i64.const 1))
          (then
            (i32.store8 (i32.wrap_i64 (local.get $ptr)) (i32.const 83))
            (call $read_register (i64.const 0) (i64.add (local.get $ptr) (i64.const 1)))
            (local.set $ptr (i64.add (local.get $ptr)
              (i64.add (i64.const 1) (call $register_len (i64.const 0))))))
          (else
            (i32.store8 (i32.wrap_i64 (local.get $ptr)) (i32.const 70))
            (local.set $ptr (i64.add (local.get $ptr) (i64.const 1)))))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $next)))
    (call $value_return (i64.sub (local.get $ptr) (i64.const 1024)) (i64.const 1024)))

  ;; Returns the promise of a.echo("fwd"), so its value becomes this method's.
  (func (export "forward")
    (call $promise_return (call $promise_create
      (i64.const 6) (i64.const 0) (i64.const 4) (i64.const 64)
      (i64.const 3) (i64.const 208) (i64.const 112) (i64.const 20000000000000))))

  ;; caller.forward() then caller.collect: the callback must see a.echo's value.
  (func (export "forward_then")
    (call $promise_return (call $promise_then
      (call $promise_create
        (i64.const 11) (i64.const 32) (i64.const 7) (i64.const 96)
        (i64.const 0) (i64.const 0) (i64.const 112) (i64.const 60000000000000))
      (i64.const 11) (i64.const 32) (i64.const 7) (i64.const 80)
      (i64.const 0) (i64.const 0) (i64.const 112) (i64.const 20000000000000))))

  ;; a.echo (1 Tgas, weight 1), b.echo (2 Tgas, weight 3), a.echo (5 Tgas, weight 0).
  (func (export "weights")
    (call $call_weight (call $batch_create (i64.const 6) (i64.const 0))
      (i64.const 4) (i64.const 64) (i64.const 1) (i64.const 200) (i64.const 112)
      (i64.const 1000000000000) (i64.const 1))
    (call $call_weight (call $batch_create (i64.const 6) (i64.const 16))
      (i64.const 4) (i64.const 64) (i64.const 1) (i64.const 201) (i64.const 112)
      (i64.const 2000000000000) (i64.const 3))
    (call $call_weight (call $batch_create (i64.const 6) (i64.const 0))
      (i64.const 4) (i64.const 64) (i64.const 1) (i64.const 200) (i64.const 112)
      (i64.const 5000000000000) (i64.const 0)))

  ;; Calls a.fail with 5 yoctoNEAR attached and does not wait for it.
  (func (export "pay")
    (drop (call $promise_create
      (i64.const 6) (i64.const 0) (i64.const 4) (i64.const 72)
      (i64.const 0) (i64.const 0) (i64.const 128) (i64.const 10000000000000))))

  (func $put (export "put")
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 1024))
    (drop (call $storage_write (i64.const 1) (i64.const 220)
      (call $register_len (i64.const 0)) (i64.const 1024) (i64.const 1))))

  (func (export "put_then_fail") (call $put) (call $fail))

  (func (export "get")
    (if (i64.eq (call $storage_read (i64.const 1) (i64.const 220) (i64.const 0)) (i64.const 1))
      (then (call $read_register (i64.const 0) (i64.const 1024))
            (call $value_return (call $register_len (i64.const 0)) (i64.const 1024)))))
)
