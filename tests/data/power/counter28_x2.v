// 2 independent 28-bit free-running counters clocked by clk (our rebuild of the
// "External 12 MHz + 28*2 bit counter" row of tinyvision-ai-inc/ice40_power).
// The original's counter sources are not in that repository; its rgb_blink.v
// drives a pin with its counter's top bit, and so does each counter here: that
// bit depends on every lower bit through the carry chain, so Yosys keeps all 28
// flip-flops of every counter.
// Flip-flops power up at 0 (iCE40 configuration clears them).
module counter28_x2 (
    input  wire clk,
    output wire [1:0] msb
);
    genvar i;
    generate
        for (i = 0; i < 2; i = i + 1) begin : ctr
            reg [27:0] count;
            always @(posedge clk)
                count <= count + 28'd1;
            assign msb[i] = count[27];
        end
    endgenerate
endmodule
