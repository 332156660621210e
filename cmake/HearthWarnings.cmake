# Our own code builds with warnings on and clean; third-party code is compiled quietly.
function(hearth_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Werror=return-type)
endfunction()
