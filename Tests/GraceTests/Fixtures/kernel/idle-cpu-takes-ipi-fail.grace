C idle-cpu-takes-ipi-fail

(*
 * Without Config cpus=2 the machine has one CPU: smp_call_function() has no
 * other CPU to run the handler, so it returns at once and the handler's
 * store never happens.
 *
 * Expect: sc: violation assertion
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
