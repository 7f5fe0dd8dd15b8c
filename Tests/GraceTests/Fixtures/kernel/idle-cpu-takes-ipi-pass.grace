C idle-cpu-takes-ipi-pass

(*
 * Config cpus=N adds idle CPUs that take IPIs: with two CPUs, the CPU
 * without a thread runs the handler, so smp_call_function(..., 1) returns
 * with the handler's store done.
 *
 * Expect: sc: pass
 * Config: cpus=2
 *)

{ int ran = 0; }

void handler(void *info)
{
	WRITE_ONCE(ran, 1);
}

P0(int *ran)
{
	smp_call_function(handler, NULL, 1);
	assert(READ_ONCE(*ran) == 1);
}
