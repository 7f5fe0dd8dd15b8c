C ipi-irqs-off-fail

(*
 * smp_call_function() with IRQs disabled can deadlock against a CPU that
 * waits, IRQs off, for this one: the kernel WARNs; Grace reports it.
 *
 * Expect: sc: violation ipi-with-irqs-off
 *)

{ int x = 0; }

void handler(void *info)
{
	WRITE_ONCE(x, 1);
}

P0(int *x)
{
	unsigned long flags;

	local_irq_save(flags);
	smp_call_function(handler, NULL, 1);
	local_irq_restore(flags);
}

P1(int *x)
{
	local_irq_disable();
	local_irq_enable();
}
